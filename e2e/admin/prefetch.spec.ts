import { expect, test } from "@playwright/test";
import { DEMO, signInViaApi } from "../fixtures/auth";

/**
 * An admin view prefetches no more than the primary links a person sees on it (the header's and
 * the page's own), never every section of the sidebar: Next's <Link> prefetches the RSC payload
 * of each link in view, and the sidebar alone has twenty.
 */
for (const url of ["/admin", "/admin/orders", "/admin/shipments"]) {
  test(`${url} prefetches at most its visible primary links`, async ({ page }) => {
    await signInViaApi(page, DEMO.admin);
    const prefetched: string[] = [];
    page.on("request", (request) => {
      const headers = request.headers();
      if (headers["next-router-prefetch"] || headers["next-router-segment-prefetch"]) prefetched.push(new URL(request.url()).pathname);
    });
    await page.goto(url);
    await page.waitForLoadState("networkidle");

    const sidebar = await page.locator("nav").filter({ has: page.locator("a[href='/admin/settings']") }).locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    expect(sidebar.length).toBeGreaterThan(10);
    const primary = await page
      .locator("header a[href^='/'], main a[href^='/']")
      .evaluateAll((links) => links.filter((a) => (a as HTMLElement).offsetParent !== null).map((a) => new URL((a as HTMLAnchorElement).href).pathname));

    const distinct = [...new Set(prefetched)];
    expect(distinct.length, `prefetched: ${distinct.join(", ")}`).toBeLessThanOrEqual(new Set(primary).size);
    const sidebarOnly = sidebar.filter((href) => href !== url && !primary.includes(href));
    expect(distinct.filter((p) => sidebarOnly.includes(p)), "sidebar sections prefetched").toEqual([]);
  });
}

test("an admin page carries no message catalog: the admin's client messages come with its scripts", async ({ page }) => {
  await signInViaApi(page, DEMO.admin);
  const response = await page.goto("/admin/payments");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const html = await response!.text();
  // Message keys appear only in a catalog: the page's own texts are rendered, never keyed.
  for (const key of ["successRateByAttemptHint", "countsByStatusWeekly", "rollupNote"]) expect(html).not.toContain(key);
  // The client components still read their messages: the header is one.
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Admin", exact: true })).toBeVisible();
});
