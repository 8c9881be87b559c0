import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { carriers, notifications, orders, shipments } from "@/server/db/schema";
import { createNotification } from "@/server/domain/notification";
import { createAdmin, createPendingOrder } from "../../../test/fixtures";
import { withLogisticsDatabase } from "../../../test/logistics-fixtures";
import { closeGatewayDb, setPaymentProvider } from "@/server/domain/payment";
import { checkMoneyInvariantsAfterEachTest, newKey, paidPayment, testGateway } from "../../../test/payment-fixtures";

/** The admin order page's operations through the admin's tRPC caller: timeline, cancel with refund, resend, bulk ship. */
withLogisticsDatabase();
// The gateway is built after the scratch database is in place, so its ledger lives there too.
beforeAll(() => setPaymentProvider(testGateway()));
afterAll(async () => {
  setPaymentProvider(null);
  await closeGatewayDb();
});
checkMoneyInvariantsAfterEachTest();

async function orderStatus(id: string) {
  const [row] = await getDb().select({ status: orders.status }).from(orders).where(eq(orders.id, id));
  return row!.status;
}
const codeOf = (error: unknown) => (error as { cause?: { code?: string }; code?: string }).cause?.code ?? (error as { data?: { domainCode?: string } }).data?.domainCode;

describe("order timeline", () => {
  it("merges order, payment, gateway, refund, shipment, notification and admin rows in time order, with actor and request id", async () => {
    const admin = await createAdmin();
    const { order, payment, shopper } = await paidPayment({ priceMinor: 10_000 });
    await createNotification(getDb(), { userId: shopper.user.id, orderId: order.id, kind: "payment_succeeded", params: { orderNo: order.orderNo }, sourceEventId: `test-${randomUUID()}` });
    await admin.caller.adminLogistics.ship({ orderId: order.id });
    await admin.caller.adminPayment.refund({ paymentId: payment.id, amountMinor: 500, reason: "goodwill", idempotencyKey: newKey() });
    await admin.caller.adminOrder.resendNotification({ id: order.id });

    const { entries } = await admin.caller.adminOrder.timeline({ id: order.id });
    const times = entries.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(entries.map((e) => e.source))).toEqual(new Set(["order", "payment", "gateway", "refund", "shipment", "checkpoint", "notification", "admin"]));
    expect(entries[0]).toMatchObject({ source: "order", kind: "status", fromStatus: null, toStatus: "pending_payment", actor: "shopper" });
    // The order's own moves appear in the order they happened, and the shipment is picked up after it was created.
    expect(entries.filter((e) => e.source === "order").map((e) => e.toStatus)).toEqual(["pending_payment", "paid", "shipped"]);
    expect(entries.filter((e) => e.source === "shipment").map((e) => e.toStatus)).toEqual(["created", "picked_up"]);
    const paid = entries.findIndex((e) => e.source === "order" && e.toStatus === "paid");
    const shipped = entries.findIndex((e) => e.source === "order" && e.toStatus === "shipped");
    const refund = entries.findIndex((e) => e.source === "refund" && e.kind === "refund_created");
    const resent = entries.findIndex((e) => e.source === "admin" && e.kind === "notification_resent");
    expect(paid).toBeLessThan(shipped);
    expect(shipped).toBeLessThan(refund);
    expect(refund).toBeLessThan(resent);
    expect(entries[refund]).toMatchObject({ actor: "admin", actorId: admin.user.id, ref: { type: "refund" }, params: { amountMinor: 500, currency: "CNY" } });
    expect(entries[shipped]!.actorId).toBe(admin.user.id);
    // The resend is a second notification of the same kind, marked as resent.
    const notes = entries.filter((e) => e.source === "notification");
    expect(notes.map((e) => [e.kind, e.params.resent])).toEqual([
      ["payment_succeeded", 0],
      ["payment_succeeded", 1],
    ]);
    expect(entries.every((e) => e.id && new Set(entries.map((x) => x.id)).size === entries.length)).toBe(true);
  });

  it("is NOT_FOUND for an unknown order", async () => {
    const admin = await createAdmin();
    await expect(admin.caller.adminOrder.timeline({ id: randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("resend notification", () => {
  it("is refused when the shopper was never notified, and writes nothing", async () => {
    const admin = await createAdmin();
    const { order } = await paidPayment();
    await expect(admin.caller.adminOrder.resendNotification({ id: order.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await getDb().select().from(notifications).where(eq(notifications.orderId, order.id))).toHaveLength(0);
    const { entries } = await admin.caller.adminOrder.timeline({ id: order.id });
    expect(entries.some((e) => e.source === "admin")).toBe(false);
  });
});

describe("cancel a paid order with a full refund", () => {
  it("refuses another amount than the refundable one, then refunds all of it and records the admin", async () => {
    const admin = await createAdmin();
    const { order, payment } = await paidPayment({ priceMinor: 8_000 });
    const links = await admin.caller.adminOrder.links({ id: order.id });
    const refundable = links.payments[0]!.refundableMinor;
    expect(refundable).toBe(payment.amountMinor);

    const wrong = await admin.caller.adminOrder.cancelWithRefund({ id: order.id, expectedAmountMinor: refundable - 1 }).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: "CONFLICT" });
    expect(codeOf(wrong)).toBe("AMOUNT_CHANGED");
    expect(await orderStatus(order.id)).toBe("paid");

    const done = await admin.caller.adminOrder.cancelWithRefund({ id: order.id, expectedAmountMinor: refundable, reason: "out of stock" });
    expect(done.refund).toMatchObject({ amountMinor: refundable });
    expect(["approved", "processing", "succeeded"]).toContain(done.refund.status);
    expect(await orderStatus(order.id)).toBe("refunding");
    const { entries } = await admin.caller.adminOrder.timeline({ id: order.id });
    expect(entries.find((e) => e.source === "admin")).toMatchObject({ kind: "cancelled_with_refund", actorId: admin.user.id, params: { amountMinor: refundable } });

    await expect(admin.caller.adminOrder.cancelWithRefund({ id: order.id, expectedAmountMinor: refundable })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses an unpaid order (the plain cancel is for those)", async () => {
    const admin = await createAdmin();
    const { order } = await createPendingOrder();
    await expect(admin.caller.adminOrder.cancelWithRefund({ id: order.id, expectedAmountMinor: 100 })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("bulk ship", () => {
  it("ships each paid order in its own transaction and refuses the others with their reason", async () => {
    const admin = await createAdmin();
    const first = await paidPayment();
    const second = await paidPayment();
    const unpaid = await createPendingOrder();
    const result = await admin.caller.adminLogistics.shipMany({ orderIds: [first.order.id, unpaid.order.id, second.order.id] });
    expect(result).toMatchObject({ shipped: 2, refused: 1 });
    expect(result.results.map((r) => [r.orderId, r.outcome])).toEqual([
      [first.order.id, "shipped"],
      [unpaid.order.id, "refused"],
      [second.order.id, "shipped"],
    ]);
    expect(result.results[1]).toMatchObject({ code: "ORDER_NOT_SHIPPABLE" });
    expect(await orderStatus(first.order.id)).toBe("shipped");
    expect(await orderStatus(second.order.id)).toBe("shipped");
    expect(await orderStatus(unpaid.order.id)).toBe("pending_payment");
    // Again: already shipped orders are reported shipped with the same parcel (idempotent per order).
    const again = await admin.caller.adminLogistics.shipMany({ orderIds: [first.order.id] });
    expect(again.results[0]).toMatchObject({ outcome: "shipped", trackingNo: (result.results[0] as { trackingNo: string }).trackingNo });
  });

  it("takes at most 50 orders, each once", async () => {
    const admin = await createAdmin();
    await expect(admin.caller.adminLogistics.shipMany({ orderIds: Array.from({ length: 51 }, () => randomUUID()) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const id = randomUUID();
    await expect(admin.caller.adminLogistics.shipMany({ orderIds: [id, id] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const unknown = await admin.caller.adminLogistics.shipMany({ orderIds: [id] });
    expect(unknown.results[0]).toMatchObject({ outcome: "refused", code: "ORDER_NOT_FOUND" });
  });
});

describe("ship with another carrier and service", () => {
  it("moves the shipment to the chosen service with a new tracking number, records it, and refuses an unknown service", async () => {
    const admin = await createAdmin();
    const { order } = await paidPayment();
    const shipped = await admin.caller.adminLogistics.ship({ orderId: order.id, service: { carrierCode: "POSTX", serviceLevel: "express" } });
    const [row] = await getDb().select({ carrierCode: carriers.code, serviceLevel: shipments.serviceLevel, trackingNo: shipments.trackingNo }).from(shipments).innerJoin(carriers, eq(carriers.id, shipments.carrierId)).where(eq(shipments.orderId, order.id));
    expect(row).toEqual({ carrierCode: "POSTX", serviceLevel: "express", trackingNo: shipped.trackingNo });
    expect(await orderStatus(order.id)).toBe("shipped");
    const { entries } = await admin.caller.adminOrder.timeline({ id: order.id });
    expect(entries.find((e) => e.source === "admin")).toMatchObject({ kind: "service_changed", actorId: admin.user.id, params: { carrierCode: "POSTX", serviceLevel: "express", trackingNo: shipped.trackingNo } });
    const links = await admin.caller.adminOrder.links({ id: order.id });
    expect(links.shipment).toMatchObject({ carrierCode: "POSTX", serviceLevel: "express", trackingNo: shipped.trackingNo });

    const other = await paidPayment();
    const refused = await admin.caller.adminLogistics.shipMany({ orderIds: [other.order.id], service: { carrierCode: "NOPE", serviceLevel: "standard" } });
    expect(refused.results[0]).toMatchObject({ outcome: "refused", code: "NO_SHIPPING_OPTION" });
    expect(await orderStatus(other.order.id)).toBe("paid");
    const bulk = await admin.caller.adminLogistics.shipMany({ orderIds: [other.order.id], service: { carrierCode: "POSTX", serviceLevel: "standard" } });
    expect(bulk.results[0]).toMatchObject({ outcome: "shipped" });
    const [otherRow] = await getDb().select({ carrierCode: carriers.code }).from(shipments).innerJoin(carriers, eq(carriers.id, shipments.carrierId)).where(eq(shipments.orderId, other.order.id));
    expect(otherRow!.carrierCode).toBe("POSTX");
  });
});
