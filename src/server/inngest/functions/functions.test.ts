import { InngestTestEngine, mockCtx } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/server/db/client";
import { inventoryMovements, outboxEvents, shipmentCheckpoints, shipments, taskRuns } from "@/server/db/schema";
import { createAdmin, createPendingOrder } from "../../../../test/fixtures";
import { createPaidOrder } from "../../../../test/logistics-fixtures";
import { failNextInsertOnce, markDeliveredByStatus, orderOf, statusLog, stockOf, withLifecycleDatabase } from "../../../../test/lifecycle-fixtures";
import { FAST_CONFIG, GOOD_CARD, passDeadline, settleRefund } from "../../../../test/payment-fixtures";
import { getGatewayDb, settleDueGatewayRefunds } from "@/server/domain/payment";
import { confirmReceipt } from "@/server/flows/receipt";
import { shipOrder } from "@/server/flows/shipment";
import { createEventConsumersFunction } from "./event-consumers";
import { MAX_TRACKING_STEPS, orderFulfilment } from "./order-fulfilment";
import { orderPaymentWindow } from "./order-payment-window";
import { orderReceipt } from "./order-receipt";
import { refundProcessing } from "./refund-processing";
import { sweepCronFunction } from "./sweep-cron";
import { webhookDelivery } from "./webhook-delivery";
import { SWEEPS } from "@/server/scheduler/registry";

withLifecycleDatabase({ gateway: true });

/**
 * Every Inngest function runs its REAL steps against the database (@inngest/test); only sleeps
 * and waits are mocked, by step id. A step that fails is retried the way Inngest does it: the
 * function runs again from the top and earlier steps must not repeat their effects.
 */
// Fresh mock objects for every engine: @inngest/test keeps a mocked step's result on the object,
// so sharing one array between runs would replay an earlier run's memoized state.
const noSleep = (ids: string[]) => ids.map((id) => ({ id, handler: () => undefined }));
const trackingSleepIds = Array.from({ length: MAX_TRACKING_STEPS }, (_, i) => `wait-checkpoint-${i}`);

/**
 * Waits are replaced in the context instead of mocked through `steps`: @inngest/test 1.0 hands
 * a mocked waitForEvent result to the SDK's event validation, which rejects it (even a null
 * timeout) with "Event not found in triggers: undefined". The replacement calls the handler
 * once per wait id (memoized, as Inngest would) and returns its event, or null for a timeout.
 */
function withWaits(waits: Record<string, () => unknown>, { passTime = false }: { passTime?: boolean } = {}) {
  const memo = new Map<string, Promise<unknown>>();
  return (raw: Parameters<typeof mockCtx>[0]) => {
    const ctx = mockCtx(raw);
    const original = ctx.step.waitForEvent;
    (ctx.step as { waitForEvent: unknown }).waitForEvent = (id: string, opts: unknown) => {
      const handler = waits[id];
      if (!handler) return (original as (id: string, opts: unknown) => Promise<unknown>)(id, opts);
      if (!memo.has(id)) memo.set(id, Promise.resolve(handler()));
      return memo.get(id)!;
    };
    // Sleeping until an instant moves the (faked) clock there, as if the time had really
    // passed: steps that read the clock after a sleep see the hour they would see in production.
    if (passTime) {
      (ctx.step as { sleepUntil: unknown }).sleepUntil = (id: string, until: Date | string) => {
        if (!memo.has(id)) {
          const at = new Date(until).getTime();
          if (at > Date.now()) vi.setSystemTime(at);
          memo.set(id, Promise.resolve());
        }
        return memo.get(id)!;
      };
    }
    return ctx;
  };
}

type Run = { result?: unknown; error?: unknown };
async function execute(engine: InngestTestEngine): Promise<Run> {
  return (await engine.execute()) as Run;
}

const orderCreatedEvent = (order: { id: string; orderNo: string }, userId: string) => ({ name: "shop/order.created", data: { orderId: order.id, userId, orderNo: order.orderNo } });
const statusEvent = (orderId: string, from: string, to: string) => ({ name: "shop/order.status-changed", data: { orderId, userId: "u", orderNo: "n", from, to, actor: "system" } });

describe("order-payment-window", () => {
  it("timeout: an unpaid order is cancelled at its deadline and its stock released", async () => {
    const { shopper, order, product } = await createPendingOrder({ quantity: 2 });
    expect((await stockOf(product.id)).reserved).toBe(2);
    await passDeadline(order.id);
    const t = new InngestTestEngine({ function: orderPaymentWindow, events: [orderCreatedEvent(order, shopper.user.id)], steps: noSleep(["wait-for-deadline"]) });
    const { result } = await execute(t);
    expect(result).toMatchObject({ outcome: "cancelled" });
    expect(await orderOf(order.id)).toMatchObject({ status: "cancelled" });
    expect((await stockOf(product.id)).reserved).toBe(0);
    expect((await statusLog(order.id)).at(-1)).toMatchObject({ toStatus: "cancelled", actor: "workflow" });
    const [run] = await getDb().select().from(taskRuns).where(and(eq(taskRuns.taskId, "order-payment-window"), eq(taskRuns.status, "succeeded")));
    expect(run).toMatchObject({ trigger: "event", mode: "inngest", eventName: "shop/order.created" });
  });

  it("cancellation: paid while the flow sleeps → no expiry, the order stays paid", async () => {
    const { shopper, order, product } = await createPendingOrder();
    const { payment } = await shopper.caller.payment.create({ orderId: order.id, method: "card" });
    const t = new InngestTestEngine({
      function: orderPaymentWindow,
      events: [orderCreatedEvent(order, shopper.user.id)],
      steps: [
        {
          id: "wait-for-deadline",
          handler: async () => {
            await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: GOOD_CARD } });
            await passDeadline(order.id);
          },
        },
      ],
    });
    const { result } = await execute(t);
    expect(result).toMatchObject({ outcome: "paid" });
    expect(await orderOf(order.id)).toMatchObject({ status: "paid" });
    expect((await statusLog(order.id)).map((r) => r.toStatus)).toEqual(["pending_payment", "paid"]);
    expect((await stockOf(product.id)).reserved).toBe(1);
  });

  it("a step that throws once is retried without a second cancellation or release", async () => {
    const { shopper, order, product } = await createPendingOrder();
    await passDeadline(order.id);
    const crash = await failNextInsertOnce("order_status_log", `new.order_id = '${order.id}' and new.to_status = 'cancelled'`);
    const first = await execute(new InngestTestEngine({ function: orderPaymentWindow, events: [orderCreatedEvent(order, shopper.user.id)], steps: noSleep(["wait-for-deadline"]) }));
    expect(first.error).toBeDefined();
    expect(await crash.failures()).toBe(1);
    expect(await orderOf(order.id)).toMatchObject({ status: "pending_payment" });
    const retry = await execute(new InngestTestEngine({ function: orderPaymentWindow, events: [orderCreatedEvent(order, shopper.user.id)], steps: noSleep(["wait-for-deadline"]) }));
    expect(retry.result).toMatchObject({ outcome: "cancelled" });
    const again = await execute(new InngestTestEngine({ function: orderPaymentWindow, events: [orderCreatedEvent(order, shopper.user.id)], steps: noSleep(["wait-for-deadline"]) }));
    expect(again.result).toMatchObject({ outcome: "not-awaiting-payment" });
    expect((await statusLog(order.id)).filter((r) => r.toStatus === "cancelled")).toHaveLength(1);
    const releases = await getDb().select().from(inventoryMovements).where(and(eq(inventoryMovements.orderId, order.id), eq(inventoryMovements.kind, "release")));
    expect(releases).toHaveLength(1);
    expect((await stockOf(product.id)).reserved).toBe(0);
  });
});

describe("order-fulfilment", () => {
  // Only Date is faked (timers, sockets and the database run for real), and it keeps ticking.
  beforeEach(() => vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true }));
  afterEach(() => vi.useRealTimers());

  it("happy path: creates the shipment, ships after the delay, records every checkpoint until delivered", async () => {
    const { order, product } = await createPaidOrder();
    const t = new InngestTestEngine({ function: orderFulfilment, events: [statusEvent(order.id, "pending_payment", "paid")], transformCtx: withWaits({ "wait-for-admin-ship": () => null }, { passTime: true }) });
    const { result, error } = await execute(t);
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ outcome: "delivered" });
    const row = await orderOf(order.id);
    expect(row).toMatchObject({ status: "delivered", logisticsStatus: "delivered" });
    expect((await statusLog(order.id)).map((r) => r.toStatus)).toEqual(["pending_payment", "paid", "shipped", "delivered"]);
    expect(await stockOf(product.id)).toMatchObject({ reserved: 0, onHand: 49 });
    const events = await getDb().select().from(outboxEvents).where(eq(outboxEvents.orderId, order.id));
    expect(events.filter((e) => e.name === "shop/shipment.status-changed").map((e) => e.data.to)).toEqual(
      expect.arrayContaining(["created", "picked_up", "in_transit", "out_for_delivery", "delivered"]),
    );
    // Each scan was recorded when its time had come, and carries no later time than that.
    const [shipment] = await getDb().select().from(shipments).where(eq(shipments.orderId, order.id));
    const recorded = await getDb().select().from(shipmentCheckpoints).where(eq(shipmentCheckpoints.shipmentId, shipment!.id));
    for (const cp of recorded.filter((c) => c.recordedAt)) expect(cp.eventAt.getTime()).toBeLessThanOrEqual(cp.recordedAt!.getTime());
    expect(row.deliveredAt).toEqual(shipment!.deliveredAt);
  });

  it("a tracking step that wakes before its checkpoint is due records nothing ahead of the clock", async () => {
    const { order } = await createPaidOrder();
    // Every sleep returns at once and the clock does not move: each wake-up is early.
    const t = new InngestTestEngine({ function: orderFulfilment, events: [statusEvent(order.id, "pending_payment", "paid")], transformCtx: withWaits({ "wait-for-admin-ship": () => null }), steps: noSleep(trackingSleepIds) });
    const { result, error } = await execute(t);
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ outcome: "handed-to-sweep" });
    const [shipment] = await getDb().select().from(shipments).where(eq(shipments.orderId, order.id));
    expect(shipment!.status).toBe("picked_up");
    const recorded = (await getDb().select().from(shipmentCheckpoints).where(eq(shipmentCheckpoints.shipmentId, shipment!.id))).filter((c) => c.recordedAt);
    expect(recorded.map((c) => c.kind)).toEqual(["picked_up"]);
    for (const cp of recorded) expect(cp.eventAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("an admin who ships during the wait wins: the flow does not ship twice and follows the parcel", async () => {
    const { order } = await createPaidOrder();
    const admin = await createAdmin();
    const t = new InngestTestEngine({
      function: orderFulfilment,
      events: [statusEvent(order.id, "pending_payment", "paid")],
      transformCtx: withWaits({
        "wait-for-admin-ship": async () => {
          await shipOrder(getDb(), { orderId: order.id, by: { actor: "admin", actorId: admin.user.id } });
          return statusEvent(order.id, "paid", "shipped");
        },
      }, { passTime: true }),
    });
    const { result } = await execute(t);
    expect(result).toMatchObject({ outcome: "delivered" });
    const log = await statusLog(order.id);
    expect(log.filter((r) => r.toStatus === "shipped")).toEqual([expect.objectContaining({ actor: "admin" })]);
  });

  it("a step that throws once is retried without a second shipment or stock commit", async () => {
    const { order } = await createPaidOrder();
    const crash = await failNextInsertOnce("order_status_log", `new.order_id = '${order.id}' and new.to_status = 'shipped'`);
    const transformCtx = () => withWaits({ "wait-for-admin-ship": () => null }, { passTime: true });
    const first = await execute(new InngestTestEngine({ function: orderFulfilment, events: [statusEvent(order.id, "pending_payment", "paid")], transformCtx: transformCtx() }));
    expect(first.error).toBeDefined();
    expect(await crash.failures()).toBe(1);
    const retry = await execute(new InngestTestEngine({ function: orderFulfilment, events: [statusEvent(order.id, "pending_payment", "paid")], transformCtx: transformCtx() }));
    expect(retry.result).toMatchObject({ outcome: "delivered" });
    expect(await getDb().select().from(shipments).where(eq(shipments.orderId, order.id))).toHaveLength(1);
    const commits = await getDb().select().from(inventoryMovements).where(and(eq(inventoryMovements.orderId, order.id), eq(inventoryMovements.kind, "commit")));
    expect(commits).toHaveLength(1);
    expect((await statusLog(order.id)).map((r) => r.toStatus)).toEqual(["pending_payment", "paid", "shipped", "delivered"]);
  });
});

describe("order-receipt", () => {
  it("timeout: not confirmed within the window → confirmed automatically, order completed", async () => {
    const { order } = await createPaidOrder();
    await markDeliveredByStatus(order.id);
    const t = new InngestTestEngine({ function: orderReceipt, events: [statusEvent(order.id, "shipped", "delivered")], transformCtx: withWaits({ "wait-for-confirmation": () => null }) });
    const { result } = await execute(t);
    expect(result).toMatchObject({ outcome: "auto-confirmed" });
    expect(await orderOf(order.id)).toMatchObject({ status: "completed" });
    expect((await statusLog(order.id)).at(-1)).toMatchObject({ fromStatus: "delivered", toStatus: "completed", actor: "workflow" });
  });

  it("happy path: the shopper confirms during the wait → no automatic confirmation", async () => {
    const { order, shopper } = await createPaidOrder();
    await markDeliveredByStatus(order.id);
    const t = new InngestTestEngine({
      function: orderReceipt,
      events: [statusEvent(order.id, "shipped", "delivered")],
      transformCtx: withWaits({
        "wait-for-confirmation": async () => {
          await confirmReceipt(getDb(), { userId: shopper.user.id, orderId: order.id });
          return statusEvent(order.id, "delivered", "completed");
        },
      }),
    });
    const { result } = await execute(t);
    expect(result).toMatchObject({ outcome: "confirmed-by-shopper" });
    expect((await statusLog(order.id)).filter((r) => r.toStatus === "completed")).toEqual([expect.objectContaining({ actor: "shopper" })]);
  });

  it("a step that throws once is retried without a second completion", async () => {
    const { order } = await createPaidOrder();
    await markDeliveredByStatus(order.id);
    await failNextInsertOnce("order_status_log", `new.order_id = '${order.id}' and new.to_status = 'completed'`);
    const run = () => execute(new InngestTestEngine({ function: orderReceipt, events: [statusEvent(order.id, "shipped", "delivered")], transformCtx: withWaits({ "wait-for-confirmation": () => null }) }));
    expect((await run()).error).toBeDefined();
    expect((await run()).result).toMatchObject({ outcome: "auto-confirmed" });
    expect((await run()).result).toMatchObject({ outcome: "unchanged:completed" });
    expect((await statusLog(order.id)).filter((r) => r.toStatus === "completed")).toHaveLength(1);
  });
});

describe("refund-processing", () => {
  async function fullyRefundedUnshipped() {
    const { shopper, order, product } = await createPendingOrder();
    const { payment } = await shopper.caller.payment.create({ orderId: order.id, method: "card" });
    const paid = await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: GOOD_CARD } });
    expect(paid.outcome).toBe("succeeded");
    const admin = await createAdmin();
    const amount = (await orderOf(order.id)).payableTotalMinor;
    const { refund } = await shopper.caller.payment.requestRefund({ orderId: order.id, amountMinor: amount, reason: "changed my mind" });
    await admin.caller.adminPayment.refunds.approve({ refundId: refund.id });
    return { shopper, order, product, refund, event: { name: "shop/refund.status-changed", data: { refundId: refund.id, orderId: order.id, userId: shopper.user.id, from: "requested", to: "approved", amountMinor: amount, currency: "CNY" } } };
  }

  it("happy path: submitted, settled by the gateway, and the unshipped order compensated (stock released)", async () => {
    const { order, product, refund, event } = await fullyRefundedUnshipped();
    const t = new InngestTestEngine({
      function: refundProcessing,
      events: [event],
      transformCtx: withWaits({ "wait-for-settlement": async () => (await settleRefund(refund.refundSn), { name: "shop/refund.status-changed", data: { refundId: refund.id, to: "succeeded" } }) }),
    });
    const { result } = await execute(t);
    expect(result).toMatchObject({ outcome: "succeeded" });
    expect(await orderOf(order.id)).toMatchObject({ status: "refunded" });
    expect((await stockOf(product.id)).reserved).toBe(0);
  });

  it("timeout: no notification in time → the gateway is asked and its answer applied", async () => {
    const { order, refund, event } = await fullyRefundedUnshipped();
    const t = new InngestTestEngine({
      function: refundProcessing,
      events: [event],
      // The gateway settles, but its notification never arrives.
      transformCtx: withWaits({ "wait-for-settlement": async () => (await settleRefundAtGatewayOnly(refund.refundSn), null) }),
    });
    const { result } = await execute(t);
    expect(result).toMatchObject({ outcome: "succeeded" });
    expect(await orderOf(order.id)).toMatchObject({ status: "refunded" });
  });
});

async function settleRefundAtGatewayOnly(refundSn: string) {
  await settleDueGatewayRefunds({ db: getGatewayDb(), now: new Date(Date.now() + 3_600_000), config: FAST_CONFIG, refundKeys: [refundSn] });
}

describe("webhook-delivery", () => {
  it("delivers nothing twice: a payment without endpoints has nothing pending, twice", async () => {
    const { order } = await createPaidOrder();
    const event = { name: "shop/payment.status-changed", data: { paymentId: order.id, orderId: order.id, userId: "u", from: "processing", to: "succeeded" } };
    const { result } = await execute(new InngestTestEngine({ function: webhookDelivery, events: [event] }));
    expect(result).toMatchObject({ processed: 0, delivered: 0 });
  });
});

describe("event-consumers", () => {
  it("hands an event to each consumer once, even when delivered twice", async () => {
    const seen: string[] = [];
    const fn = createEventConsumersFunction([{ id: "test-consumer", handles: (n) => n === "shop/order.created", handle: async (_db, e) => void seen.push(e.id) }]);
    const { order, shopper } = await createPendingOrder();
    const [row] = await getDb().select().from(outboxEvents).where(and(eq(outboxEvents.orderId, order.id), eq(outboxEvents.name, "shop/order.created")));
    const event = { id: row!.id, name: row!.name, data: row!.data, ts: row!.createdAt.getTime() };
    await execute(new InngestTestEngine({ function: fn, events: [event] }));
    const second = await execute(new InngestTestEngine({ function: fn, events: [event] }));
    expect(second.result).toMatchObject({ handledBy: [] });
    expect(seen).toEqual([row!.id]);
    expect(shopper.user.id).toBe(row!.data.userId);
  });
});

describe("sweep cron functions", () => {
  it("the lifecycle reconciliation cron ships a paid order past its auto-ship delay", async () => {
    const { order } = await createPaidOrder();
    const { lifecycleSettings } = await import("@/server/domain/lifecycle");
    await lifecycleSettings.update(getDb(), { autoShipDelayMinutes: 0 }, null);
    const sweep = SWEEPS.find((s) => s.id === "lifecycle-reconciliation")!;
    const { result } = await execute(new InngestTestEngine({ function: sweepCronFunction(sweep), events: [{ name: "inngest/scheduled.timer", data: { cron: "* * * * *" } }] }));
    await lifecycleSettings.update(getDb(), { autoShipDelayMinutes: 30 }, null);
    expect(result).toMatchObject({ shipped: expect.any(Number) });
    expect(await orderOf(order.id)).toMatchObject({ status: "shipped" });
  });
});
