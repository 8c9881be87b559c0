import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/server/db/client";
import { notifications, outboxEvents, outboxReceipts } from "@/server/db/schema";
import { notificationFor } from "@/server/domain/notification";
import type { DomainEvent } from "@/server/events/consumer";
import { deliverBatchToConsumers, deliverToConsumers } from "@/server/events/deliver";
import { countStatements } from "../../../test/statement-count";
import { callerAs, createAdmin, createPendingOrder } from "../../../test/fixtures";
import { notificationsConsumer, notifyFromEvent, notifyFromEvents } from "./notifications-consumer";

/** Events as the lifecycle's outbox will deliver them, about real orders of real shoppers. */
function eventFor(order: { id: string; userId: string }, name: string, data: Record<string, unknown>): DomainEvent {
  return { id: randomUUID(), name, data: { orderId: order.id, userId: order.userId, ...data }, createdAt: new Date() };
}

async function rowsFor(userId: string) {
  return getDb().select().from(notifications).where(eq(notifications.userId, userId));
}

describe("notifications consumer", () => {
  it("creates one notification per mapped event, with the order number as a parameter", async () => {
    const { shopper, order } = await createPendingOrder();
    const ref = { id: order.id, userId: shopper.user.id };
    const events = [
      eventFor(ref, "shop/payment.status-changed", { paymentId: randomUUID(), from: "processing", to: "failed" }),
      eventFor(ref, "shop/payment.status-changed", { paymentId: randomUUID(), from: "processing", to: "succeeded" }),
      eventFor(ref, "shop/shipment.status-changed", { shipmentId: randomUUID(), from: "created", to: "picked_up" }),
      eventFor(ref, "shop/shipment.status-changed", { shipmentId: randomUUID(), from: "in_transit", to: "out_for_delivery" }),
      eventFor(ref, "shop/shipment.status-changed", { shipmentId: randomUUID(), from: "out_for_delivery", to: "delivery_attempt_failed" }),
      eventFor(ref, "shop/shipment.status-changed", { shipmentId: randomUUID(), from: "out_for_delivery", to: "delivered" }),
      eventFor(ref, "shop/order.status-changed", { orderNo: order.orderNo, from: "delivered", to: "completed", actor: "workflow" }),
      eventFor(ref, "shop/refund.status-changed", { refundId: randomUUID(), from: "processing", to: "succeeded", amountMinor: 100, currency: "CNY" }),
      eventFor(ref, "shop/refund.status-changed", { refundId: randomUUID(), from: "processing", to: "failed", amountMinor: 100, currency: "CNY" }),
      // ignored ones
      eventFor(ref, "shop/order.created", { orderNo: order.orderNo }),
      eventFor(ref, "shop/order.status-changed", { orderNo: order.orderNo, from: "delivered", to: "completed", actor: "shopper" }),
      eventFor(ref, "shop/shipment.status-changed", { shipmentId: randomUUID(), from: "picked_up", to: "in_transit" }),
    ];
    for (const event of events) {
      if (notificationsConsumer.handles(event.name)) await notificationsConsumer.handle(getDb(), event);
    }
    const rows = await rowsFor(shopper.user.id);
    expect(rows.map((r) => r.kind).sort()).toEqual(
      ["auto_confirmed", "delivered", "delivery_attempt_failed", "out_for_delivery", "payment_failed", "payment_succeeded", "refund_failed", "refund_succeeded", "shipped"].sort(),
    );
    for (const row of rows) {
      expect(row.orderId).toBe(order.id);
      expect(row.params.orderNo).toBe(order.orderNo);
      expect(row.readAt).toBeNull();
    }
    expect(rows.find((r) => r.kind === "refund_succeeded")?.params).toEqual({ orderNo: order.orderNo, amountMinor: 100, currency: "CNY" });
    expect(notificationsConsumer.handles("shop/order.created")).toBe(false);
    // What notifies nobody is not even delivered to the consumer (no receipt read or written).
    for (const event of events) expect(notificationsConsumer.wants!(event)).toBe(notificationFor(event) !== null);
    expect(notificationsConsumer.wants!(eventFor(ref, "shop/payment.status-changed", { from: "pending", to: "processing" }))).toBe(false);
  });

  it("notifies nobody when the event names another shopper's order", async () => {
    const a = await createPendingOrder();
    const b = await createPendingOrder();
    const forged = eventFor({ id: a.order.id, userId: b.shopper.user.id }, "shop/payment.status-changed", { from: "processing", to: "succeeded" });
    expect(await notifyFromEvent(getDb(), forged)).toEqual({ created: false });
    expect(await rowsFor(a.shopper.user.id)).toHaveLength(0);
    expect(await rowsFor(b.shopper.user.id)).toHaveLength(0);
  });

  it("is idempotent: the same event delivered 20 times at once leaves one row (25 rounds)", async () => {
    const { shopper, order } = await createPendingOrder();
    for (let round = 0; round < 25; round++) {
      const event = eventFor({ id: order.id, userId: shopper.user.id }, "shop/shipment.status-changed", { shipmentId: randomUUID(), from: "in_transit", to: "out_for_delivery" });
      const results = await Promise.all(Array.from({ length: 20 }, () => notifyFromEvent(getDb(), event)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const rows = await getDb().select().from(notifications).where(eq(notifications.sourceEventId, event.id));
      expect(rows).toHaveLength(1);
    }
    expect(await rowsFor(shopper.user.id)).toHaveLength(25);
  });
});

describe("notifications consumer: statements built once", () => {
  it("delivers notifying events without building a statement after the first", async () => {
    const { shopper, order } = await createPendingOrder();
    const ref = { id: order.id, userId: shopper.user.id };
    // Events in the outbox, as the relay hands them over on its first claim (receipts name their event).
    const events = Array.from({ length: 6 }, () => ({ ...eventFor(ref, "shop/shipment.status-changed", { shipmentId: randomUUID(), from: "created", to: "picked_up" }), attempt: 1 }));
    await getDb()
      .insert(outboxEvents)
      .values(events.map((event) => ({ id: event.id, name: event.name, data: event.data, orderId: order.id })));
    // The first delivery builds the order-number read, the insert and the receipt once.
    await deliverToConsumers(getDb(), events[0]!, [notificationsConsumer]);
    // Every statement drizzle renders goes through its dialect's sqlToQuery: count the renders.
    const builds = vi.spyOn(PgDialect.prototype, "sqlToQuery");
    try {
      for (const event of events.slice(1)) expect(await deliverToConsumers(getDb(), event, [notificationsConsumer])).toEqual({ handledBy: ["notifications"] });
      expect(builds).not.toHaveBeenCalled();
    } finally {
      builds.mockRestore();
    }
    expect(await rowsFor(shopper.user.id)).toHaveLength(6);
    const receipts = await getDb().select().from(outboxReceipts).where(inArray(outboxReceipts.eventId, events.map((e) => e.id)));
    expect(receipts).toHaveLength(6);
  });
});

describe("notifications consumer: a batch of events", () => {
  it("makes the notifications one by one would, through each shopper's ownership, and again makes none", async () => {
    const a = await createPendingOrder();
    const b = await createPendingOrder();
    const refA = { id: a.order.id, userId: a.shopper.user.id };
    const refB = { id: b.order.id, userId: b.shopper.user.id };
    const events = [
      eventFor(refA, "shop/payment.status-changed", { from: "processing", to: "succeeded" }),
      eventFor(refB, "shop/shipment.status-changed", { shipmentId: randomUUID(), from: "created", to: "picked_up" }),
      // Notifies nobody: not a notifying change, and another shopper's order.
      eventFor(refA, "shop/payment.status-changed", { from: "pending", to: "processing" }),
      eventFor({ id: a.order.id, userId: b.shopper.user.id }, "shop/payment.status-changed", { from: "processing", to: "failed" }),
      eventFor(refB, "shop/refund.status-changed", { refundId: randomUUID(), from: "processing", to: "succeeded", amountMinor: 100, currency: "CNY" }),
    ];
    expect(await notifyFromEvents(getDb(), events)).toEqual({ created: 3 });
    const shown = (rows: Awaited<ReturnType<typeof rowsFor>>) => rows.map((r) => ({ kind: r.kind, orderId: r.orderId, params: r.params, source: r.sourceEventId })).sort((x, y) => x.kind.localeCompare(y.kind));
    expect(shown(await rowsFor(a.shopper.user.id))).toEqual([{ kind: "payment_succeeded", orderId: a.order.id, params: { orderNo: a.order.orderNo }, source: events[0]!.id }]);
    expect(shown(await rowsFor(b.shopper.user.id))).toEqual([
      { kind: "refund_succeeded", orderId: b.order.id, params: { orderNo: b.order.orderNo, amountMinor: 100, currency: "CNY" }, source: events[4]!.id },
      { kind: "shipped", orderId: b.order.id, params: { orderNo: b.order.orderNo }, source: events[1]!.id },
    ]);
    // Delivered again (or by a second relay at once): nothing new.
    expect(await notifyFromEvents(getDb(), events)).toEqual({ created: 0 });
    expect(await rowsFor(b.shopper.user.id)).toHaveLength(2);
  });

  it("a relay's batch costs the same few statements for 5 events as for 40, and every event gets its receipt", async () => {
    const { shopper, order } = await createPendingOrder();
    const ref = { id: order.id, userId: shopper.user.id };
    const queued = async (count: number) => {
      const events = Array.from({ length: count }, () => ({ ...eventFor(ref, "shop/shipment.status-changed", { shipmentId: randomUUID(), from: "created", to: "picked_up" }), attempt: 1 }));
      await getDb()
        .insert(outboxEvents)
        .values(events.map((event) => ({ id: event.id, name: event.name, data: event.data, orderId: order.id })));
      return events;
    };
    const [few, many] = [await queued(5), await queued(40)];
    const deliver = (events: DomainEvent[]) => countStatements(() => deliverBatchToConsumers(getDb(), events, [notificationsConsumer]));
    const [forFew, forMany] = [await deliver(few), await deliver(many)];
    expect(forFew.result).toEqual({ failed: [] });
    expect(forMany.result).toEqual({ failed: [] });
    // The order numbers, the notifications, the receipts: one by one it was three per event.
    expect(forMany.shop).toBe(forFew.shop);
    expect(forMany.shop).toBeLessThanOrEqual(3);
    expect(await rowsFor(shopper.user.id)).toHaveLength(45);
    const receipts = await getDb().select().from(outboxReceipts).where(inArray(outboxReceipts.eventId, [...few, ...many].map((e) => e.id)));
    expect(receipts).toHaveLength(45);
  });
});

describe("notification router", () => {
  async function shopperWithNotifications(count: number) {
    const setup = await createPendingOrder();
    for (let i = 0; i < count; i++) {
      await notifyFromEvent(getDb(), eventFor({ id: setup.order.id, userId: setup.shopper.user.id }, "shop/payment.status-changed", { from: "processing", to: i % 2 ? "failed" : "succeeded" }));
    }
    return setup;
  }

  it("lists newest first with pages, counts unread, marks one and all read", async () => {
    const { shopper, order } = await shopperWithNotifications(5);
    const caller = shopper.caller;
    expect(await caller.notification.unreadCount()).toEqual({ count: 5 });
    const page1 = await caller.notification.list({ page: 1, pageSize: 3 });
    expect(page1.total).toBe(5);
    expect(page1.items).toHaveLength(3);
    expect(page1.items[0]!.params).toEqual({ orderNo: order.orderNo });
    const page2 = await caller.notification.list({ page: 2, pageSize: 3 });
    expect(page2.items).toHaveLength(2);
    const ids = new Set([...page1.items, ...page2.items].map((n) => n.id));
    expect(ids.size).toBe(5);

    const first = await caller.notification.markRead({ id: page1.items[0]!.id });
    expect(first.readAt).toBeInstanceOf(Date);
    const again = await caller.notification.markRead({ id: page1.items[0]!.id });
    expect(again.readAt?.getTime()).toBe(first.readAt!.getTime());
    expect(await caller.notification.unreadCount()).toEqual({ count: 4 });
    expect((await caller.notification.list({ unreadOnly: true })).total).toBe(4);

    expect(await caller.notification.markAllRead()).toEqual({ updated: 4 });
    expect(await caller.notification.unreadCount()).toEqual({ count: 0 });
    expect(await caller.notification.markAllRead()).toEqual({ updated: 0 });
  });

  it("never shows or changes another shopper's notifications (NOT_FOUND)", async () => {
    const a = await shopperWithNotifications(2);
    const b = await shopperWithNotifications(1);
    const [aNotification] = (await a.shopper.caller.notification.list({})).items;
    await expect(b.shopper.caller.notification.markRead({ id: aNotification!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const bList = await b.shopper.caller.notification.list({});
    expect(bList.items.map((n) => n.id)).not.toContain(aNotification!.id);
    expect(bList.total).toBe(1);
    await b.shopper.caller.notification.markAllRead();
    expect(await a.shopper.caller.notification.unreadCount()).toEqual({ count: 2 });
    const [row] = await getDb().select().from(notifications).where(eq(notifications.id, aNotification!.id));
    expect(row!.readAt).toBeNull();
  });

  it("is for signed-in shoppers only", async () => {
    const admin = await createAdmin();
    await expect(admin.caller.notification.unreadCount()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(null).notification.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const { shopper } = await createPendingOrder();
    await expect(shopper.caller.notification.markRead({ id: "not-a-uuid" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
