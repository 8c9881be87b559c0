import { expect, test, type Browser } from "@playwright/test";
import { DEMO, signInViaApi } from "../fixtures/auth";
import { createPaidOrder } from "../fixtures/logistics";

async function signedInPage(browser: Browser, account: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInViaApi(page, account);
  return page;
}

test("[ADMIN][LOGISTICS] admin ships a paid order and the shopper's tracking page shows the first checkpoints", async ({ browser, request }) => {
  const order = await createPaidOrder(request, { shipping: { carrierCode: "ZTX", serviceLevel: "standard" } });

  const admin = await signedInPage(browser, DEMO.admin);
  await admin.goto("/admin/shipments");
  // The queue names the carrier and service the shopper chose, not their codes.
  const queued = admin.getByRole("table", { name: "Paid orders waiting to ship" }).getByRole("row").filter({ hasText: order.orderNo });
  await expect(queued).toContainText("Zhongtuo Express · Economy");
  await expect(queued).not.toContainText("ZTX");
  await admin.getByRole("button", { name: `Ship order ${order.orderNo}` }).click();
  await expect(admin.getByRole("heading", { name: /^Shipment ZX\d{13}/ })).toBeVisible();
  await expect(admin.getByRole("heading", { level: 1 }).getByText("Picked up")).toBeVisible();
  const trackingNo = (await admin.getByRole("heading", { level: 1 }).textContent())!.match(/ZX\d{13}/)![0];

  const shopper = await signedInPage(browser, DEMO.shopper);
  await shopper.goto(`/orders/${order.id}/tracking`);
  await expect(shopper.getByRole("heading", { name: `Tracking for order ${order.orderNo}` })).toBeVisible();
  const timeline = shopper.getByRole("list", { name: "Tracking history" });
  await expect(timeline.getByRole("listitem").first()).toContainText("Picked up at");
  await expect(shopper.getByTestId("shipment-status")).toHaveText("Status: Picked up");
  const route = shopper.getByRole("img", { name: /^Route from Shanghai to Hangzhou/ });
  await expect(route).toBeVisible();
  // The route is drawn on a map of China shipped with the app (no tiles from the network).
  const map = await shopper.request.get((await route.locator("image").getAttribute("href"))!);
  expect(map.status()).toBe(200);
  expect(await map.text()).toContain("<title>浙江</title>");
  await expect(route.locator('[data-stop="ahead"]')).not.toHaveCount(0);
  // The shopper sees their own address in full.
  await expect(shopper.getByText("文三路 478 号")).toBeVisible();

  // Anyone can look the parcel up by number; the recipient's details are masked.
  const visitor = await browser.newPage();
  await visitor.goto("/track");
  await visitor.getByLabel("Tracking number").fill(trackingNo);
  await visitor.getByRole("button", { name: "Track" }).click();
  await expect(visitor.getByRole("list", { name: "Tracking history" }).getByRole("listitem").first()).toContainText("Picked up at");
  await expect(visitor.getByText("李* 138****8000")).toBeVisible();
  await expect(visitor.getByText("文三路 478 号")).toHaveCount(0);
});

test("[ADMIN][LOGISTICS] admin advances the parcel to delivered and the shopper sees delivered", async ({ browser, request }) => {
  const order = await createPaidOrder(request, { sku: "AP-4005" });
  const admin = await signedInPage(browser, DEMO.admin);
  await admin.goto("/admin/shipments");
  await admin.getByRole("button", { name: `Ship order ${order.orderNo}` }).click();
  await expect(admin.getByRole("heading", { level: 1 }).getByText("Picked up")).toBeVisible();

  await admin.getByRole("button", { name: "Advance to next checkpoint" }).click();
  await expect(admin.getByRole("heading", { level: 1 }).getByText("In transit")).toBeVisible();
  await expect(admin.getByRole("list", { name: "Tracking history" }).getByRole("listitem").first()).toContainText("Arrived at Shanghai sorting centre");

  await admin.getByLabel("Signed for by").fill("前台代收");
  await admin.getByRole("button", { name: "Mark delivered" }).click();
  await expect(admin.getByRole("heading", { level: 1 }).getByText("Delivered")).toBeVisible();

  const shopper = await signedInPage(browser, DEMO.shopper);
  await shopper.goto(`/orders/${order.id}/tracking`);
  await expect(shopper.getByTestId("shipment-status")).toHaveText("Status: Delivered");
  // Delivered: every leg of the route on the map is drawn as travelled.
  const route = shopper.getByRole("img", { name: /^Route from / });
  await expect(route.locator('[data-leg="travelled"]')).not.toHaveCount(0);
  await expect(route.locator('[data-leg="ahead"]')).toHaveCount(0);
  await expect(shopper.getByRole("list", { name: "Tracking history" }).getByRole("listitem").first()).toContainText("signed for by 前台代收");
  // In Chinese too.
  await shopper.getByLabel("Language").selectOption("zh-CN");
  await expect(shopper.getByRole("list", { name: "物流轨迹" }).getByRole("listitem").first()).toContainText("快件已签收，签收人：前台代收");
});
