import { expect, test, type Page } from "@playwright/test";
import { placeOrderViaApi } from "../fixtures/api";
import { DEMO, signInViaApi, signUpViaApi } from "../fixtures/auth";
import { payByApi } from "../payment/payment-helpers";

/**
 * The admin order page is the hub: an admin ships, cancels a paid order (the confirmation names
 * the amount) and refunds from it, reads one timeline of what happened, and ships two orders
 * at once from the "to ship" list — in English and in Chinese.
 */
const LANGUAGES = [
  {
    locale: "en",
    ship: "Ship now",
    service: "Carrier and service",
    postalExpress: "Postal Express · EMS Express",
    carrier: "Postal Express",
    shipped: /Shipped: tracking number \S+/,
    paidToShipped: "Order: Paid → Shipped",
    placedReason: "Order placed",
    shippedReason: "Shipped by an admin",
    cancelPaid: "Cancel and refund",
    cancelTitle: (orderNo: string, amount: string) => `Cancel order ${orderNo} and refund ${amount}?`,
    cancelConfirm: (amount: string) => `Refund ${amount} and cancel`,
    cancelDone: /Refund RF\d+ of ¥[\d,.]+ started; the order is cancelled once it settles\./,
    cancelledRow: (amount: string) => `Cancelled with a full refund of ${amount}`,
    amount: "Amount to refund",
    reason: "Reason",
    refund: "Refund…",
    refundTitle: (amount: string) => `Refund ${amount} to the shopper?`,
    refundConfirm: (amount: string) => `Refund ${amount}`,
    refundDone: /Refund RF\d+ of ¥1\.00 started\./,
    refundRow: "Refund of ¥1.00 created (Approved)",
    timeline: "Timeline",
    links: "Payment, refunds and shipment",
    bulkSelect: (orderNo: string) => `Select order ${orderNo}`,
    bulkShip: "Ship selected orders",
    bulkSelected: "2 orders selected",
    bulkResult: "2 orders shipped, none refused",
    bulkTable: "Bulk ship results",
    bulkShipped: "Shipped",
  },
  {
    locale: "zh-CN",
    ship: "立即发货",
    service: "快递公司与服务",
    postalExpress: "邮驿速递 · EMS 特快",
    carrier: "邮驿速递",
    shipped: /已发货，运单号 \S+/,
    paidToShipped: "订单：已付款 → 已发货",
    placedReason: "已下单",
    shippedReason: "管理员发货",
    cancelPaid: "取消并退款",
    cancelTitle: (orderNo: string, amount: string) => `取消订单 ${orderNo} 并退款 ${amount}？`,
    cancelConfirm: (amount: string) => `退款 ${amount} 并取消`,
    cancelDone: /退款 RF\d+（¥[\d,.]+）已发起；退款完成后订单取消。/,
    cancelledRow: (amount: string) => `已取消并全额退款 ${amount}`,
    amount: "退款金额",
    reason: "原因",
    refund: "退款…",
    refundTitle: (amount: string) => `向买家退款 ${amount}？`,
    refundConfirm: (amount: string) => `退款 ${amount}`,
    refundDone: /退款 RF\d+（¥1\.00）已发起。/,
    refundRow: "退款（¥1.00）已创建",
    timeline: "时间线",
    links: "支付、退款与物流",
    bulkSelect: (orderNo: string) => `选择订单 ${orderNo}`,
    bulkShip: "发货所选订单",
    bulkSelected: "已选择 2 个订单",
    bulkResult: "已发货 2 个，未发货 0 个",
    bulkTable: "批量发货结果",
    bulkShipped: "已发货",
  },
] as const;

const money = (minor: number, locale: string) => new Intl.NumberFormat(locale, { style: "currency", currency: "CNY", currencyDisplay: "narrowSymbol" }).format(minor / 100);
const timelineRows = (page: Page, name: string, source: string) => page.getByRole("table", { name }).locator(`tbody tr[data-source="${source}"]`);

for (const l of LANGUAGES) {
  test(`[ADMIN][ORDER-HUB] admin ships, cancels a paid order and refunds from the order page, reads its timeline, and bulk ships (${l.locale})`, async ({ page, context, playwright, baseURL }) => {
    test.slow();
    const shopperRequest = await playwright.request.newContext({ baseURL });
    const shopper = await signUpViaApi(shopperRequest, `Hub ${l.locale}`);
    const orders = [];
    for (let i = 0; i < 5; i++) {
      const order = await placeOrderViaApi(shopperRequest, [{ q: "Notebook", quantity: 1 }]);
      await payByApi(shopperRequest, order.id);
      orders.push(order);
    }
    await shopperRequest.dispose();
    type Placed = (typeof orders)[number];
    const [toShip, toCancel, toRefund, bulkOne, bulkTwo] = orders as [Placed, Placed, Placed, Placed, Placed];

    await context.addCookies([{ name: "shopflow-locale", value: l.locale, url: baseURL! }]);
    await signInViaApi(page, DEMO.admin);

    // Ship from the order page with another carrier and service: the shipment becomes a link and the timeline records the move.
    await page.goto(`/admin/orders/${toShip.id}`);
    await page.getByLabel(l.service).selectOption({ label: l.postalExpress });
    await page.getByRole("button", { name: l.ship }).click();
    await expect(page.getByRole("status")).toHaveText(l.shipped);
    const trackingNo = /\S+$/.exec((await page.getByRole("status").textContent())!)![0];
    await expect(page.getByRole("link", { name: trackingNo }).first()).toHaveAttribute("href", /\/admin\/shipments\//);
    await expect(page.getByRole("region", { name: l.links })).toContainText(l.carrier);
    await expect(timelineRows(page, l.timeline, "admin")).toHaveCount(1);
    const orderRows = timelineRows(page, l.timeline, "order");
    await expect(orderRows).toHaveCount(3);
    await expect(orderRows.nth(2)).toContainText(l.paidToShipped);
    // Each row says why in the reader's language; the stored code is one click away in "details".
    await expect(orderRows.nth(0).getByTestId("timeline-reason")).toHaveText(l.placedReason);
    await expect(orderRows.nth(2).getByTestId("timeline-reason")).toHaveText(l.shippedReason);
    await expect(orderRows.nth(2).locator("details code")).toContainText("admin.shipped");
    // Payment, gateway, shipment and checkpoint rows sit in the same timeline, oldest first.
    for (const source of ["payment", "gateway", "shipment", "checkpoint"]) await expect(timelineRows(page, l.timeline, source).first()).toBeVisible();
    const shownTimes = await page.getByRole("table", { name: l.timeline }).locator("tbody tr td:first-child").allTextContents();
    expect(shownTimes.length).toBeGreaterThan(5);

    // Cancel a paid order: the confirmation names the amount, and the refund is recorded.
    const total = money(toCancel.payableTotalMinor, l.locale);
    await page.goto(`/admin/orders/${toCancel.id}`);
    await page.getByRole("button", { name: l.cancelPaid }).click();
    const cancelDialog = page.getByRole("dialog", { name: l.cancelTitle(toCancel.orderNo, total) });
    await expect(cancelDialog.getByTestId("confirm-amount")).toHaveText(total);
    await cancelDialog.getByRole("button", { name: l.cancelConfirm(total) }).click();
    await expect(page.getByRole("status")).toHaveText(l.cancelDone);
    await expect(timelineRows(page, l.timeline, "admin")).toContainText(l.cancelledRow(total));
    await expect(timelineRows(page, l.timeline, "refund").first()).toBeVisible();

    // Refund an amount: asked first with the amount, then the refund is a link and in the timeline.
    await page.goto(`/admin/orders/${toRefund.id}`);
    await page.getByLabel(l.amount).fill("1.00");
    await page.getByLabel(l.reason, { exact: true }).fill("Goodwill");
    await page.getByRole("button", { name: l.refund }).click();
    const refundDialog = page.getByRole("dialog", { name: l.refundTitle("¥1.00") });
    await expect(refundDialog.getByTestId("confirm-amount")).toHaveText("¥1.00");
    await refundDialog.getByRole("button", { name: l.refundConfirm("¥1.00") }).click();
    await expect(page.getByRole("status")).toHaveText(l.refundDone);
    const refundSn = /RF\d+/.exec((await page.getByRole("status").textContent())!)![0];
    await expect(page.getByRole("link", { name: refundSn }).first()).toHaveAttribute("href", /\/admin\/refunds\//);
    await expect(timelineRows(page, l.timeline, "refund").first()).toContainText(l.refundRow);

    // Bulk ship two paid orders from the "to ship" list.
    await page.goto(`/admin/orders?status=paid&shopper=${encodeURIComponent(shopper.email)}`);
    await page.getByRole("checkbox", { name: l.bulkSelect(bulkOne.orderNo) }).check();
    await page.getByRole("checkbox", { name: l.bulkSelect(bulkTwo.orderNo) }).check();
    await expect(page.getByTestId("bulk-selected")).toHaveText(l.bulkSelected);
    await page.getByRole("button", { name: l.bulkShip }).click();
    await expect(page.getByRole("status")).toHaveText(l.bulkResult);
    const results = page.getByRole("table", { name: l.bulkTable }).locator("tbody tr");
    await expect(results).toHaveCount(2);
    for (const order of [bulkOne, bulkTwo]) {
      await expect(results.filter({ hasText: order.orderNo })).toContainText(l.bulkShipped);
    }
    // Both left the queue.
    await expect(page.getByRole("checkbox", { name: l.bulkSelect(bulkOne.orderNo) })).toHaveCount(0);
  });
}
