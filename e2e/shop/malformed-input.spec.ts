import { expect, test, type Page } from "@playwright/test";
import { DEMO, signInViaApi } from "../fixtures/auth";

/**
 * Crafted URLs and bodies answer a page or a 4xx, never an error view or a 5xx: a query
 * parameter given twice (Next hands the page an array), characters no query can carry, page
 * numbers and amounts beyond every column, days that do not exist, a sign-in posted as broken JSON.
 */
async function expectPageShown(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  await expect(page.getByRole("heading", { level: 1 }).first(), path).toBeVisible();
  await expect(page.getByText("Something went wrong."), path).toHaveCount(0);
}

test("[SHOP][INPUT] repeated and hostile query parameters show the shop's pages", async ({ page }) => {
  await expectPageShown(page, "/track?no=SF1234567890&no=b");
  await expect(page.locator('input[name="no"]')).toHaveValue("SF1234567890");
  await expectPageShown(page, "/track?no=%00%00abc%ED%A0%80");
  await expectPageShown(page, "/?q=tea&q=coffee&page=2&page=x&sort=name&sort=bad");
  await expect(page.locator('input[name="q"]')).toHaveValue("tea");
  await expectPageShown(page, "/?q=%00&category=x&category=y&page=1e400");
  await expectPageShown(page, "/sign-in?callbackUrl=/orders&callbackUrl=/cart");
});

test("[ADMIN][INPUT] repeated and hostile query parameters show the admin lists and reports", async ({ page }) => {
  await signInViaApi(page, DEMO.admin);
  for (const path of [
    "/admin/orders?page=2&page=3&status=paid&status=bad&from=2026-01-01&from=x&orderNo=a&orderNo=b",
    "/admin/orders?from=0001-01-01&to=9999-12-31&shopper=%00",
    "/admin/shipments?carrier=ZTX&carrier=SF&page=1e400&trackingNo=%ED%A0%80&from=2026-02-30",
    "/admin/payments?min=999999999&max=1&max=2&page=99999999999&status=a&status=b",
    "/admin/refunds?sort=amount_desc&sort=bad&refundSn=%00&page=-1",
    "/admin/couriers?q=a&q=b&city=%00&page=Infinity",
    "/admin/reports/payments?from=2026-02-30&to=9999-99-99",
    "/admin/reports/payments?from=2026-01-01&from=2026-01-02&to=2026-01-31",
    "/admin/reports/logistics?from=a&from=b&to=2026-13-01",
  ]) {
    await expectPageShown(page, path);
  }
});

test("[SHOP][INPUT] a sign-in posted as broken JSON is refused with 400", async ({ request }) => {
  for (const body of ["{", '{"email":', "[]"]) {
    const response = await request.post("/api/auth/callback/credentials", { headers: { "content-type": "application/json" }, data: body });
    expect(response.status(), body).toBe(400);
  }
});
