import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { notificationFor } from "./notification-mapping";
import type { DomainEvent } from "@/server/events/consumer";

const userId = randomUUID();
const orderId = randomUUID();
const event = (name: string, data: Record<string, unknown>): DomainEvent => ({ id: randomUUID(), name, data: { userId, orderId, ...data }, createdAt: new Date() });

describe("notificationFor: which events notify the shopper", () => {
  it.each([
    ["shop/payment.status-changed", { from: "processing", to: "succeeded" }, "payment_succeeded"],
    ["shop/payment.status-changed", { from: "processing", to: "failed" }, "payment_failed"],
    ["shop/shipment.status-changed", { from: "created", to: "picked_up" }, "shipped"],
    ["shop/shipment.status-changed", { from: "in_transit", to: "out_for_delivery" }, "out_for_delivery"],
    ["shop/shipment.status-changed", { from: "out_for_delivery", to: "delivery_attempt_failed" }, "delivery_attempt_failed"],
    ["shop/shipment.status-changed", { from: "out_for_delivery", to: "delivered" }, "delivered"],
    ["shop/refund.status-changed", { from: "processing", to: "succeeded", amountMinor: 500, currency: "CNY" }, "refund_succeeded"],
    ["shop/refund.status-changed", { from: "processing", to: "failed", amountMinor: 500, currency: "CNY" }, "refund_failed"],
    ["shop/order.status-changed", { from: "delivered", to: "completed", actor: "workflow", orderNo: "SF1" }, "auto_confirmed"],
    ["shop/order.status-changed", { from: "delivered", to: "completed", actor: "system", orderNo: "SF1" }, "auto_confirmed"],
  ])("%s %o → %s", (name, data, kind) => {
    expect(notificationFor(event(name, data))).toMatchObject({ userId, orderId, kind });
  });

  it("keeps the refund amount and currency as parameters, never a sentence", () => {
    expect(notificationFor(event("shop/refund.status-changed", { from: "processing", to: "succeeded", amountMinor: 12_345, currency: "CNY" }))?.params).toEqual({
      amountMinor: 12_345,
      currency: "CNY",
    });
  });

  it.each([
    ["shop/order.created", { orderNo: "SF1" }],
    ["shop/order.status-changed", { from: "delivered", to: "completed", actor: "shopper" }],
    ["shop/order.status-changed", { from: "pending_payment", to: "paid", actor: "system" }],
    ["shop/order.status-changed", { from: "pending_payment", to: "cancelled", actor: "system" }],
    ["shop/payment.status-changed", { from: "pending", to: "processing" }],
    ["shop/payment.status-changed", { from: "pending", to: "expired" }],
    ["shop/shipment.status-changed", { from: "picked_up", to: "in_transit" }],
    ["shop/shipment.status-changed", { from: "created", to: "exception" }],
    ["shop/refund.status-changed", { from: "requested", to: "approved" }],
    ["shop/refund.status-changed", { from: "approved", to: "processing" }],
    ["shop/something.else", { to: "succeeded" }],
  ])("ignores %s %o", (name, data) => {
    expect(notificationFor(event(name, data))).toBeNull();
  });

  it("ignores events without a shopper, an order or a target status", () => {
    expect(notificationFor({ id: "e1", name: "shop/payment.status-changed", data: { orderId, to: "succeeded" }, createdAt: new Date() })).toBeNull();
    expect(notificationFor({ id: "e2", name: "shop/payment.status-changed", data: { userId, to: "succeeded" }, createdAt: new Date() })).toBeNull();
    expect(notificationFor({ id: "e3", name: "shop/payment.status-changed", data: { userId, orderId }, createdAt: new Date() })).toBeNull();
  });
});
