import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { placeOrderViaApi } from "../fixtures/api";
import { DEMO, signInRequest, signUpViaApi } from "../fixtures/auth";

/**
 * Status first, then the friendly page: what is missing or not the caller's answers 404 (never
 * a 200 page that streams a not-found view, never a 500 for a malformed id), and a page that
 * needs sign-in answers a real redirect with a Location. Plain HTTP, no browser: the status line
 * is what crawlers, monitors and API clients read.
 */
const MALFORMED = ["not-a-uuid", "123", "%27%20OR%201%3D1--", "00000000-0000-0000-0000-00000000000g", "a".repeat(200), "%F0%9F%98%80"];

const SHOPPER_DETAIL = (id: string) => [`/orders/${id}`, `/orders/${id}/tracking`, `/pay/${id}`];
const ADMIN_DETAIL = (id: string) => [
  `/admin/orders/${id}`,
  `/admin/payments/${id}`,
  `/admin/refunds/${id}`,
  `/admin/shipments/${id}`,
  `/admin/carriers/${id}`,
  `/admin/couriers/${id}`,
  `/admin/tasks/runs/${id}`,
];

async function signedIn(playwright: { request: { newContext(o: { baseURL?: string }): Promise<APIRequestContext> } }, baseURL: string, account: { email: string; password: string }) {
  const request = await playwright.request.newContext({ baseURL });
  await signInRequest(request, account);
  return request;
}

async function expectStatus(request: APIRequestContext, path: string, status: number) {
  const answer = await request.get(path, { maxRedirects: 0 });
  expect(answer.status(), `${path} → ${answer.status()} ${answer.headers().location ?? ""}`).toBe(status);
  return answer;
}

test("[SHOP][STATUS] unknown, malformed and other people's ids are 404 on every shopper detail page", async ({ playwright, baseURL }) => {
  const owner = await playwright.request.newContext({ baseURL });
  await signUpViaApi(owner, "Other Buyer");
  const othersOrder = await placeOrderViaApi(owner, [{ q: "Tea", quantity: 1 }]);
  const shopper = await signedIn(playwright, baseURL!, DEMO.shopper);

  for (const id of [randomUUID(), othersOrder.id, ...MALFORMED]) {
    for (const path of SHOPPER_DETAIL(id)) await expectStatus(shopper, path, 404);
  }
  for (const id of [randomUUID(), ...MALFORMED]) await expectStatus(shopper, `/products/${id}`, 404);
  // The owner still sees their own order.
  await expectStatus(owner, `/orders/${othersOrder.id}`, 200);
  await owner.dispose();
  await shopper.dispose();
});

test("[ADMIN][STATUS] unknown and malformed ids are 404 on every admin detail page", async ({ playwright, baseURL }) => {
  const admin = await signedIn(playwright, baseURL!, DEMO.admin);
  for (const id of [randomUUID(), ...MALFORMED]) {
    for (const path of ADMIN_DETAIL(id)) await expectStatus(admin, path, 404);
  }
  await admin.dispose();
});

test("[SHOP][STATUS] pages that need sign-in answer a real redirect to the sign-in page", async ({ request }) => {
  const paths = ["/admin", "/admin/orders", "/admin/settings/payments", ...ADMIN_DETAIL(randomUUID()), "/orders", "/checkout", "/addresses", "/notifications", ...SHOPPER_DETAIL(randomUUID())];
  for (const path of [...paths, "/admin/orders?status=paid&page=2"]) {
    const answer = await request.get(path, { maxRedirects: 0 });
    expect([302, 303, 307], `${path} → ${answer.status()}`).toContain(answer.status());
    const location = answer.headers().location!;
    expect(location, path).toMatch(/^\/sign-in\?callbackUrl=/);
    expect(new URL(location, "http://x").searchParams.get("callbackUrl")).toBe(path);
  }
  // Public pages stay public.
  for (const path of ["/", "/track", "/sign-in", "/cart", `/pay/scan/${randomUUID()}`]) await expectStatus(request, path, 200);
});

test("[ADMIN][STATUS] the admin area is 404 for a signed-in shopper", async ({ playwright, baseURL }) => {
  const shopper = await signedIn(playwright, baseURL!, DEMO.shopper);
  for (const path of ["/admin", "/admin/orders", "/admin/settings/payments", `/admin/orders/${randomUUID()}`]) await expectStatus(shopper, path, 404);
  await shopper.dispose();
});

test("[SHOP][STATUS] not-found pages carry a title, in both languages", async ({ playwright, baseURL, browser }) => {
  const shopper = await signedIn(playwright, baseURL!, DEMO.shopper);
  const title = async (path: string) => /<title>([^<]*)<\/title>/.exec(await (await expectStatus(shopper, path, 404)).text())?.[1];
  expect(await title(`/orders/${randomUUID()}`)).toBe("Page not found · shopflow");
  expect(await title(`/products/not-a-uuid`)).toBe("Page not found · shopflow");
  expect(await title(`/no-such-page`)).toBe("Page not found · shopflow");

  const admin = await signedIn(playwright, baseURL!, DEMO.admin);
  const adminAnswer = await expectStatus(admin, `/admin/orders/${randomUUID()}`, 404);
  expect(/<title>([^<]*)<\/title>/.exec(await adminAnswer.text())?.[1]).toBe("Page not found · Admin · shopflow");

  const zh = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: "shopflow-locale=zh-CN" } });
  expect(/<title>([^<]*)<\/title>/.exec(await (await expectStatus(zh, `/products/${randomUUID()}`, 404)).text())?.[1]).toBe("页面不存在 · shopflow");

  // And what the browser tab shows, with the friendly page under it.
  const page = await browser.newPage();
  await page.goto(`/products/${randomUUID()}`);
  await expect(page).toHaveTitle("Page not found · shopflow");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.close();
  for (const r of [shopper, admin, zh]) await r.dispose();
});

test("[SHOP][STATUS] a file the shop does not have is 404 with the not-found page, never a 500; public files are served", async ({ playwright, baseURL }) => {
  const visitor = await playwright.request.newContext({ baseURL });
  for (const path of ["/favicon.ico", "/robots.txt", "/no-such.file", "/zh-CN/robots.txt"]) {
    const answer = await expectStatus(visitor, path, 404);
    expect(/<title>([^<]*)<\/title>/.exec(await answer.text())?.[1], path).toMatch(/^(Page not found|页面不存在) · shopflow$/);
  }
  await expectStatus(visitor, "/favicon.svg", 200);
  await expectStatus(visitor, "/maps/china-provinces.svg", 200);
  await visitor.dispose();
});
