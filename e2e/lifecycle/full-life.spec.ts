import { expect, test } from "@playwright/test";
import { placeOrderViaApi, trpcMutation, trpcQuery } from "../fixtures/api";
import { DEMO, signInRequest, signUpViaApi } from "../fixtures/auth";
import { payByApi } from "../payment/payment-helpers";

type OrderView = { status: string; logisticsStatus: string; history: { toStatus: string; actor: string }[] };

/**
 * The embedded default with no Inngest server: once an order is paid, the worker process's local
 * scheduler alone ships it, moves it along its route, delivers it and confirms receipt — with a large time
 * scale, a week of simulated time passes in seconds.
 */
test("[LIFECYCLE] the local scheduler alone takes a paid order to completed, and the shopper is told at each step", async ({ playwright, browser, baseURL }) => {
  test.setTimeout(180_000);
  const admin = await playwright.request.newContext({ baseURL });
  await signInRequest(admin, DEMO.admin);
  const before = {
    lifecycle: await trpcQuery<{ timeScale: number; autoShipDelayMinutes: number }>(admin, "lifecycle.settings"),
    logistics: await trpcQuery<Record<string, number | string>>(admin, "adminLogistics.settings"),
  };

  const shopper = await playwright.request.newContext({ baseURL });
  await signUpViaApi(shopper, "Lifecycle");
  const order = await placeOrderViaApi(shopper, [{ q: "Tote", quantity: 1 }]);
  // Pay first, at real time: under the large scale below, a 30-minute payment window is 18 ms.
  await payByApi(shopper, order.id);

  try {
    // No delivery faults, so the parcel's plan is a straight run to the door.
    await trpcMutation(admin, "adminLogistics.updateSettings", { failedAttemptRate: 0, addressProblemRate: 0, lostParcelRate: 0, outageRate: 0 });
    await trpcMutation(admin, "lifecycle.updateSettings", { timeScale: 100_000 });

    await expect
      .poll(async () => (await trpcQuery<OrderView>(shopper, "order.byId", { id: order.id })).status, { timeout: 150_000, intervals: [1_000] })
      .toBe("completed");

    const finished = await trpcQuery<OrderView>(shopper, "order.byId", { id: order.id });
    expect(finished.logisticsStatus).toBe("delivered");
    expect(finished.history.map((h) => h.toStatus)).toEqual(["pending_payment", "paid", "shipped", "delivered", "completed"]);
    // Nobody clicked anything after paying: the last three steps were the system's own.
    expect(finished.history.slice(2).every((h) => h.actor === "system" || h.actor === "workflow")).toBe(true);

    // The outbox carried every step to the notifications: the bell counts them, the page lists them.
    const page = await (await browser.newContext({ baseURL, storageState: await shopper.storageState() })).newPage();
    await page.goto("/");
    await expect(page.getByRole("link", { name: /Notifications, [1-9]\d* unread/ })).toBeVisible({ timeout: 30_000 });
    await page.getByRole("link", { name: /Notifications, / }).click();
    const list = page.getByRole("list", { name: "Your notifications" });
    for (const text of [
      `Payment received for order ${order.orderNo}.`,
      `Order ${order.orderNo} has shipped.`,
      `Order ${order.orderNo} was delivered.`,
      `Order ${order.orderNo} was confirmed as received automatically and is now complete.`,
    ]) {
      await expect(list.getByText(text)).toBeVisible();
    }
    await page.getByRole("button", { name: "Mark all as read" }).click();
    await expect(page.getByRole("link", { name: "Notifications, none unread" })).toBeVisible({ timeout: 10_000 });
    await page.context().close();
  } finally {
    await trpcMutation(admin, "lifecycle.updateSettings", { timeScale: before.lifecycle.timeScale });
    const { failedAttemptRate, addressProblemRate, lostParcelRate, outageRate } = before.logistics;
    await trpcMutation(admin, "adminLogistics.updateSettings", { failedAttemptRate, addressProblemRate, lostParcelRate, outageRate });
    await Promise.all([admin.dispose(), shopper.dispose()]);
  }
});
