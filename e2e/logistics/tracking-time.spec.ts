import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { DEMO, signInViaApi } from "../fixtures/auth";
import { createPaidOrder } from "../fixtures/logistics";

/**
 * What the shopper reads on tracking is what happened: after the admin ships, advances and
 * marks the parcel delivered, no time on the page lies after the browser's clock, and the
 * delivery has one date, the same on the tracking page and in the order's status history.
 * Pages write "2026-12-04 08:34" in China time (UTC+8) whatever the browser's zone.
 */
async function signedInPage(browser: Browser, account: { email: string; password: string }) {
  const page = await (await browser.newContext()).newPage();
  await signInViaApi(page, account);
  return page;
}

/** "2026-12-04 08:34" (China time) → the instant that minute starts. */
function shownInstant(text: string): number {
  const match = /(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})/.exec(text);
  if (!match) throw new Error(`not a shown time: ${text}`);
  return Date.parse(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:00+08:00`);
}

/** Every time the timeline shows, as instants; also checks none lies after the browser's clock. */
async function expectNoTimeAfterNow(page: Page, timeline: Locator): Promise<number[]> {
  const shown = (await timeline.locator("time").allTextContents()).map(shownInstant);
  const now = await page.evaluate(() => Date.now());
  for (const at of shown) expect(at, `a scan shown at ${new Date(at).toISOString()}, the browser's clock says ${new Date(now).toISOString()}`).toBeLessThanOrEqual(now);
  return shown;
}

test("[ADMIN][LOGISTICS] ship, advance, mark delivered: the shopper's tracking never shows a time after now, and one delivery date", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const order = await createPaidOrder(request, { shipping: { carrierCode: "SWIFT", serviceLevel: "next_day" } });
  const admin = await signedInPage(browser, DEMO.admin);
  const shopper = await signedInPage(browser, DEMO.shopper);
  const tracking = `/orders/${order.id}/tracking`;
  const timeline = shopper.getByRole("list", { name: "Tracking history" });
  const heading = admin.getByRole("heading", { level: 1 });

  await admin.goto("/admin/shipments");
  await admin.getByRole("button", { name: `Ship order ${order.orderNo}` }).click();
  await expect(heading.getByText("Picked up")).toBeVisible();
  await shopper.goto(tracking);
  await expect(timeline.getByRole("listitem")).toHaveCount(1);
  await expect(timeline.getByRole("listitem").first()).toContainText("Picked up at");
  await expectNoTimeAfterNow(shopper, timeline);
  // The plan shows only as an expectation: tagged in both languages, outside the record, ahead of now.
  const expected = shopper.getByTestId("expected-delivery");
  await expect(expected.getByRole("term")).toContainText("Expected delivery");
  await expect(expected.getByText("Expected", { exact: true })).toBeVisible();
  await expect(timeline.getByTestId("expected-delivery")).toHaveCount(0);
  expect(shownInstant((await expected.locator("time").textContent())!)).toBeGreaterThan(await shopper.evaluate(() => Date.now()));
  await shopper.getByLabel("Language").selectOption("zh-CN");
  await expect(expected.getByRole("term")).toContainText("预计送达");
  await expect(expected.getByText("预计", { exact: true })).toBeVisible();
  await shopper.getByLabel("语言").selectOption("en");
  await expect(expected.getByRole("term")).toContainText("Expected delivery");

  await admin.getByRole("button", { name: "Advance to next checkpoint" }).click();
  await expect(heading.getByText("In transit")).toBeVisible();
  await shopper.reload();
  await expect(timeline.getByRole("listitem")).toHaveCount(2);
  await expectNoTimeAfterNow(shopper, timeline);

  await admin.getByLabel("Signed for by").fill("本人");
  await admin.getByRole("button", { name: "Mark delivered" }).click();
  await expect(heading.getByText("Delivered")).toBeVisible();
  await shopper.reload();
  await expect(shopper.getByTestId("shipment-status")).toHaveText("Status: Delivered");
  await expectNoTimeAfterNow(shopper, timeline);
  await expect(shopper.getByTestId("expected-delivery")).toHaveCount(0);

  // One delivery date: the summary, the delivered scan and the order's status history agree.
  const deliveredText = (await shopper.getByTestId("delivered-at").locator("time").textContent())!;
  const deliveredScan = timeline.getByRole("listitem").filter({ hasText: "signed for by 本人" });
  await expect(deliveredScan).toHaveCount(1);
  expect((await deliveredScan.locator("time").textContent())!).toBe(deliveredText);
  await shopper.goto(`/orders/${order.id}`);
  await expect(shopper.getByRole("region", { name: "Shipping" }).locator("time")).toHaveText(deliveredText);
  const history = shopper.getByRole("region", { name: "Status history" });
  const deliveredEntry = history.getByRole("listitem").filter({ hasText: "Shipped → Delivered" });
  await expect(deliveredEntry).toHaveCount(1);
  const historyTime = deliveredEntry.locator("time");
  const [historyIso, historyText] = [(await historyTime.getAttribute("datetime"))!, (await historyTime.textContent())!];
  // Recorded in one transaction: the same minute (or the next, if that transaction straddled one).
  expect(shownInstant(historyText) - shownInstant(deliveredText)).toBeGreaterThanOrEqual(0);
  expect(shownInstant(historyText) - shownInstant(deliveredText)).toBeLessThanOrEqual(60_000);
  expect(Date.parse(historyIso) - shownInstant(deliveredText)).toBeLessThan(60_000 + 5_000);
});
