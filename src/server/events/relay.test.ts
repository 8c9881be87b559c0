import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { outboxEvents, outboxReceipts } from "@/server/db/schema";
import { transitionOrder } from "@/server/domain/order";
import { createPendingOrder } from "../../../test/fixtures";
import { withLifecycleDatabase } from "../../../test/lifecycle-fixtures";
import type { EventConsumer } from "./consumer";
import { enqueueEvent } from "./outbox";
import { deliverBatchToConsumers, deliverToConsumers } from "./deliver";
import { localDelivery, relayOutbox, relayOutboxBacklog } from "./relay";

withLifecycleDatabase();

/** A consumer that records each event it handles in a real table, counting every call. */
async function recordingConsumer() {
  const table = `consumed_${randomUUID().replaceAll("-", "").slice(0, 10)}`;
  await getDb().execute(sql.raw(`create table ${table} (event_id uuid primary key, calls int not null default 1)`));
  const consumer: EventConsumer = {
    id: `test-${table}`,
    handles: (name) => name.startsWith("shop/order."),
    // Idempotent by event id, and counting calls so the test sees redeliveries.
    handle: async (db, event) => {
      await db.execute(sql.raw(`insert into ${table} (event_id) values ('${event.id}') on conflict (event_id) do update set calls = ${table}.calls + 1`));
    },
  };
  const rows = async () => (await getDb().execute(sql.raw(`select event_id, calls from ${table}`))) as unknown as { event_id: string; calls: number }[];
  return { consumer, rows };
}

const far = (ms: number) => new Date(Date.now() + ms);

describe("outbox relay", () => {
  it("a status change and its event commit together, or neither does", async () => {
    const { order } = await createPendingOrder();
    await expect(
      getDb().transaction(async (tx) => {
        await transitionOrder(tx, { orderId: order.id, to: "cancelled", by: { actor: "system" } });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    const events = await getDb().select().from(outboxEvents).where(eq(outboxEvents.orderId, order.id));
    expect(events.map((e) => e.name)).toEqual(["shop/order.created"]);
  });

  it("delivers each event exactly once to a consumer despite a crash between commit and send, and after sending", async () => {
    const { consumer, rows } = await recordingConsumer();
    const deliver = localDelivery(getDb(), [consumer]);
    // Events committed, then the process "dies" before any relay runs.
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { order } = await createPendingOrder();
      ids.push((await getDb().select({ id: outboxEvents.id }).from(outboxEvents).where(eq(outboxEvents.orderId, order.id)))[0]!.id);
      ids.push(await getDb().transaction((tx) => enqueueEvent(tx, "shop/order.status-changed", { orderId: order.id, userId: "u", orderNo: order.orderNo, from: "pending_payment", to: "cancelled", actor: "system" })));
    }
    // First relay claims and sends, then crashes before stamping the rows delivered.
    const now = new Date();
    await expect(relayOutbox(getDb(), { deliver, now, afterDeliver: () => Promise.reject(new Error("process died")) })).rejects.toThrow("process died");
    const claimed = await getDb().select().from(outboxEvents).where(inArray(outboxEvents.id, ids));
    expect(claimed.every((e) => e.deliveredAt === null && e.claimedUntil !== null)).toBe(true);
    // Another relay does not touch them while the lease holds...
    expect((await relayOutbox(getDb(), { deliver, now })).processed).toBe(0);
    // ...and delivers them when it ran out; the consumer absorbs the replay.
    await relayOutbox(getDb(), { deliver, now: far(60_000) });
    await relayOutbox(getDb(), { deliver, now: far(120_000) });
    const after = await getDb().select().from(outboxEvents).where(inArray(outboxEvents.id, ids));
    expect(after.every((e) => e.deliveredAt !== null)).toBe(true);
    const consumed = (await rows()).filter((r) => ids.includes(r.event_id));
    expect(consumed.map((r) => r.event_id).sort()).toEqual([...ids].sort());
    // The receipt written after the first (crashed) delivery kept the consumer from a second call.
    expect(consumed.every((r) => r.calls === 1)).toBe(true);
  });

  it("an event written earlier in the relay's millisecond is due (PostgreSQL keeps microseconds, the relay's clock milliseconds)", async () => {
    const { consumer, rows } = await recordingConsumer();
    const deliver = localDelivery(getDb(), [consumer]);
    const { order } = await createPendingOrder();
    const id = await getDb().transaction((tx) => enqueueEvent(tx, "shop/order.status-changed", { orderId: order.id, userId: "u", orderNo: order.orderNo, from: "pending_payment", to: "cancelled", actor: "system" }));
    // Everything older delivered first, so the claim's limit cannot be what leaves the event out.
    await relayOutbox(getDb(), { deliver, now: far(1_000), limit: 10_000 });
    const now = far(300_000);
    await getDb().execute(sql`update outbox_events set delivered_at = null, claimed_until = null, next_attempt_at = ${now.toISOString()}::timestamptz + interval '700 microseconds' where id = ${id}`);
    expect((await relayOutbox(getDb(), { deliver, now })).processed).toBe(1);
    expect((await rows()).map((r) => r.event_id)).toContain(id);
  });

  it("one run takes a queue longer than a batch, oldest first, and stops at the first batch that is not full", async () => {
    const { consumer, rows } = await recordingConsumer();
    const handled: string[] = [];
    const deliver = localDelivery(getDb(), [{ ...consumer, handle: async (db, event) => (handled.push(event.id), consumer.handle(db, event)) }]);
    // Everything older delivered first: the queue is then exactly these 25 events.
    await relayOutbox(getDb(), { deliver, now: far(1_000), limit: 10_000 });
    handled.length = 0;
    const { order } = await createPendingOrder();
    const queued: string[] = [];
    for (let i = 0; i < 25; i++) {
      queued.push(await getDb().transaction((tx) => enqueueEvent(tx, "shop/order.status-changed", { orderId: order.id, userId: "u", orderNo: order.orderNo, from: "pending_payment", to: "cancelled", actor: "system" })));
    }
    const created = await getDb().select({ id: outboxEvents.id }).from(outboxEvents).where(eq(outboxEvents.orderId, order.id));
    const run = await relayOutboxBacklog(getDb(), { deliver, now: far(2_000), limit: 10 });
    expect(run).toEqual({ processed: created.length, delivered: created.length, failed: 0 });
    expect((await rows()).filter((r) => queued.includes(r.event_id))).toHaveLength(25);
    // In the order they were written, also those written within one millisecond.
    expect(handled.filter((id) => queued.includes(id))).toEqual(queued);
  });

  it("two relays running at once, 20 rounds: every event reaches the consumer exactly once", async () => {
    const { consumer, rows } = await recordingConsumer();
    const deliver = localDelivery(getDb(), [consumer]);
    const ids: string[] = [];
    for (let round = 0; round < 20; round++) {
      const { order } = await createPendingOrder();
      const [created] = await getDb().select({ id: outboxEvents.id }).from(outboxEvents).where(eq(outboxEvents.orderId, order.id));
      ids.push(created!.id);
      const now = far(round * 1000);
      await Promise.all([relayOutbox(getDb(), { deliver, now, limit: 3 }), relayOutbox(getDb(), { deliver, now, limit: 3 })]);
    }
    for (let i = 0; i < 20; i++) await relayOutbox(getDb(), { deliver, now: far(30_000 + i * 1000) });
    const consumed = await rows();
    expect(consumed.filter((r) => ids.includes(r.event_id))).toHaveLength(20);
    expect(consumed.every((r) => r.calls === 1)).toBe(true);
  });

  it("a failing consumer is retried with backoff and the event stays undelivered until it succeeds", async () => {
    let fail = true;
    const seen: string[] = [];
    const flaky: EventConsumer = {
      id: "flaky",
      handles: (n) => n === "shop/order.created",
      handle: async (_db, e) => {
        if (fail) throw new Error("down");
        seen.push(e.id);
      },
    };
    const { order } = await createPendingOrder();
    const [event] = await getDb().select().from(outboxEvents).where(eq(outboxEvents.orderId, order.id));
    const deliver = localDelivery(getDb(), [flaky]);
    const now = far(200_000);
    await relayOutbox(getDb(), { deliver, now });
    const [failed] = await getDb().select().from(outboxEvents).where(eq(outboxEvents.id, event!.id));
    expect(failed).toMatchObject({ deliveredAt: null, lastError: expect.stringContaining("flaky: down") });
    fail = false;
    await relayOutbox(getDb(), { deliver, now: far(400_000) });
    expect(seen).toEqual([event!.id]);
  });
  it("an event a consumer does not want is not handed to it and leaves no receipt; the event is still delivered", async () => {
    const { order } = await createPendingOrder();
    const calls: string[] = [];
    const picky: EventConsumer = {
      id: "picky",
      handles: (n) => n === "shop/order.created",
      wants: (e) => e.data.orderId !== order.id,
      handle: async (_db, e) => void (e.data.orderId === order.id && calls.push("picky")),
    };
    await relayOutbox(getDb(), { deliver: localDelivery(getDb(), [picky]), now: far(600_000) });
    expect(calls).toEqual([]);
    const [event] = await getDb().select().from(outboxEvents).where(eq(outboxEvents.orderId, order.id));
    expect(event!.deliveredAt).not.toBeNull();
    expect(await getDb().select().from(outboxReceipts).where(eq(outboxReceipts.eventId, event!.id))).toEqual([]);
  });

  it("a redelivery reaches only the consumers without a receipt for the event", async () => {
    let failOnce = true;
    const calls: string[] = [];
    const { order } = await createPendingOrder();
    const ours = (e: { data: Record<string, unknown> }) => e.data.orderId === order.id;
    const steady: EventConsumer = { id: "steady", handles: (n) => n === "shop/order.created", handle: async (_db, e) => void (ours(e) && calls.push("steady")) };
    const flaky: EventConsumer = {
      id: "flaky-once",
      handles: (n) => n === "shop/order.created",
      handle: async (_db, e) => {
        if (!ours(e)) return;
        calls.push("flaky");
        if (failOnce) throw new Error("down");
      },
    };
    const deliver = localDelivery(getDb(), [steady, flaky]);
    await relayOutbox(getDb(), { deliver, now: far(200_000) });
    failOnce = false;
    await relayOutbox(getDb(), { deliver, now: far(400_000) });
    expect(calls).toEqual(["steady", "flaky", "flaky"]);
    const [event] = await getDb().select().from(outboxEvents).where(eq(outboxEvents.orderId, order.id));
    expect(event!.deliveredAt).not.toBeNull();
  });

  it("an event a consumer does not want is neither handled nor given a receipt; one it wants is both", async () => {
    const handled: string[] = [];
    const picky: EventConsumer = {
      id: "picky",
      handles: (n) => n === "shop/order.status-changed",
      wants: (e) => e.data.to === "cancelled",
      handle: async (_db, e) => void handled.push(String(e.data.to)),
    };
    const { order, shopper } = await createPendingOrder();
    const event = async (to: "paid" | "cancelled") => {
      const data = { orderId: order.id, userId: shopper.user.id, orderNo: order.orderNo, from: "pending_payment", to, actor: "system" } as const;
      const id = await getDb().transaction((tx) => enqueueEvent(tx, "shop/order.status-changed", data));
      return { id, name: "shop/order.status-changed", data: data as Record<string, unknown>, createdAt: new Date() };
    };
    const [skipped, wanted] = [await event("paid"), await event("cancelled")];
    expect(await deliverToConsumers(getDb(), skipped, [picky])).toEqual({ handledBy: [] });
    expect(await deliverToConsumers(getDb(), wanted, [picky])).toEqual({ handledBy: ["picky"] });
    expect(handled).toEqual(["cancelled"]);
    const receipts = await getDb().select().from(outboxReceipts).where(inArray(outboxReceipts.eventId, [skipped.id, wanted.id]));
    expect(receipts.map((r) => r.eventId)).toEqual([wanted.id]);
  });

  it("a consumer's batch that fails goes to it event by event: only the event at fault fails, the others are handled and get receipts", async () => {
    const { consumer, rows } = await recordingConsumer();
    const { order, shopper } = await createPendingOrder();
    const events = await Promise.all(
      ["paid", "cancelled", "paid"].map(async (to) => {
        const data = { orderId: order.id, userId: shopper.user.id, orderNo: order.orderNo, from: "pending_payment", to, actor: "system" };
        const id = await getDb().transaction((tx) => enqueueEvent(tx, "shop/order.status-changed", data as never));
        return { id, name: "shop/order.status-changed", data: data as Record<string, unknown>, createdAt: new Date(), attempt: 1 };
      }),
    );
    const poisoned = events[1]!.id;
    let batches = 0;
    const batching: EventConsumer = {
      ...consumer,
      // As a batch statement would: one bad event fails the whole batch, and changes nothing.
      handleMany: async () => {
        batches++;
        throw new Error("one event of the batch is at fault");
      },
      handle: async (db, event) => {
        if (event.id === poisoned) throw new Error("this event is at fault");
        await consumer.handle(db, event);
      },
    };
    const { failed } = await deliverBatchToConsumers(getDb(), events, [batching]);
    expect(batches).toBe(1);
    expect(failed).toEqual([{ id: poisoned, error: expect.stringContaining("this event is at fault") }]);
    expect((await rows()).map((r) => r.event_id).sort()).toEqual([events[0]!.id, events[2]!.id].sort());
    const receipts = await getDb().select().from(outboxReceipts).where(inArray(outboxReceipts.eventId, events.map((e) => e.id)));
    expect(receipts.map((r) => r.eventId).sort()).toEqual([events[0]!.id, events[2]!.id].sort());
  });
});
