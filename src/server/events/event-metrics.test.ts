import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { outboxEvents, shipments } from "@/server/db/schema";
import { logisticsSettings } from "@/server/domain/logistics";
import { shipOrder } from "@/server/flows/shipment";
import { recordDueCheckpointsForAll } from "@/server/flows/shipment-sweep";
import { renderMetrics } from "@/server/observability/metrics";
import { createPaidOrder, withLogisticsDatabase } from "../../../test/logistics-fixtures";
import { parseMetrics, valueOf, type ParsedMetrics } from "../../../test/prometheus-text";
import { countCommittedEvent } from "./event-metrics";

withLogisticsDatabase();

const scrape = async () => parseMetrics((await renderMetrics()).body);
const moved = (before: ParsedMetrics, after: ParsedMetrics, name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);

describe("shipment counters", () => {
  it("a parcel's run to the door counts each status it enters, and whether it arrived by the carrier's promise", async () => {
    await logisticsSettings.update(getDb(), { failedAttemptRate: 0, addressProblemRate: 0, lostParcelRate: 0, outageRate: 0 }, null);
    const { order } = await createPaidOrder({ address: { province: "广东省", city: "深圳市", district: "南山区" } });
    const before = await scrape();
    await shipOrder(getDb(), { orderId: order.id, by: { actor: "admin", note: "test" } });
    await recordDueCheckpointsForAll(getDb(), { now: new Date(Date.now() + 365 * 86_400_000) });
    const after = await scrape();

    for (const status of ["created", "picked_up", "in_transit", "out_for_delivery", "delivered"]) {
      expect(moved(before, after, "shopflow_shipments_total", { status }), status).toBeGreaterThanOrEqual(1);
    }
    const [shipment] = await getDb().select().from(shipments).where(eq(shipments.orderId, order.id));
    expect(shipment!.promisedAt).not.toBeNull();
    const onTime = shipment!.deliveredAt! <= shipment!.promisedAt!;
    const [delivered] = await getDb()
      .select()
      .from(outboxEvents)
      .where(and(eq(outboxEvents.orderId, order.id), eq(outboxEvents.name, "shop/shipment.status-changed")))
      .then((rows) => rows.filter((row) => row.data.to === "delivered"));
    expect(delivered!.data.onTime).toBe(onTime);
    expect(moved(before, after, "shopflow_deliveries_total", { on_time: String(onTime) })).toBeGreaterThanOrEqual(1);
  });
});

describe("the event → counter mapping", () => {
  const ids = { refundId: randomUUID(), orderId: randomUUID(), userId: randomUUID(), amountMinor: 100, currency: "CNY" };

  it("counts refunds by their outcome only, not their intermediate statuses", async () => {
    const before = await scrape();
    countCommittedEvent("shop/refund.status-changed", { ...ids, from: null, to: "requested" });
    countCommittedEvent("shop/refund.status-changed", { ...ids, from: "processing", to: "succeeded" });
    countCommittedEvent("shop/refund.status-changed", { ...ids, from: "requested", to: "rejected" });
    const after = await scrape();
    expect(moved(before, after, "shopflow_refunds_total", { outcome: "succeeded" })).toBe(1);
    expect(moved(before, after, "shopflow_refunds_total", { outcome: "rejected" })).toBe(1);
    expect(moved(before, after, "shopflow_refunds_total")).toBe(2);
  });

  it("counts a payment once per ended attempt, by method, and never a pending or processing one", async () => {
    const payment = { paymentId: randomUUID(), orderId: ids.orderId, userId: ids.userId, method: "alipay" };
    const before = await scrape();
    countCommittedEvent("shop/payment.status-changed", { ...payment, from: null, to: "pending" });
    countCommittedEvent("shop/payment.status-changed", { ...payment, from: "pending", to: "processing" });
    countCommittedEvent("shop/payment.status-changed", { ...payment, from: "processing", to: "failed" });
    countCommittedEvent("shop/payment.status-changed", { ...payment, from: "processing", to: "expired" });
    const after = await scrape();
    expect(moved(before, after, "shopflow_payments_total", { method: "alipay", outcome: "failed" })).toBe(1);
    expect(moved(before, after, "shopflow_payments_total", { method: "alipay", outcome: "expired" })).toBe(1);
    expect(moved(before, after, "shopflow_payments_total")).toBe(2);
  });

  it("never throws, so a counting bug cannot fail a change that has already committed", () => {
    // Data the counter cannot read (here: none at all) is logged and skipped.
    expect(() => countCommittedEvent("shop/payment.status-changed", null as never)).not.toThrow();
  });
});
