import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { inventoryMovements, orders, shipments, taskIdleRuns, taskRuns } from "@/server/db/schema";
import { lifecycleSettings } from "@/server/domain/lifecycle";
import { simulationSettings } from "@/server/domain/simulation";
import { localDelivery } from "@/server/events";
import { finishIdleTaskRun, finishTaskRun, getTaskRun, pruneTaskRuns, startTaskRun, taskStats } from "@/server/domain/lifecycle";
import { flushIdleRuns } from "@/server/scheduler/idle-runs";
import { runSweep } from "@/server/scheduler/run-sweep";
import { SWEEPS } from "@/server/scheduler/registry";
import type { Sweep } from "@/server/scheduler/sweep";
import { createAdmin, createPendingOrder, createShopper } from "../../../test/fixtures";
import { markDeliveredByStatus, orderOf, statusLog, withLifecycleDatabase } from "../../../test/lifecycle-fixtures";
import { createPaidOrder } from "../../../test/logistics-fixtures";
import { GOOD_CARD } from "../../../test/payment-fixtures";
import { reconcileLifecycle } from "./lifecycle-sweeps";

withLifecycleDatabase({ gateway: true });

const deliver = localDelivery(getDb(), []);

describe("lifecycle reconciliation", () => {
  it("two reconciliations at once, 20 rounds: every overdue order is shipped once and every overdue delivery confirmed once", async () => {
    const paidIds: string[] = [];
    const deliveredIds: string[] = [];
    for (let round = 0; round < 20; round++) {
      const a = await createPaidOrder();
      const b = await createPaidOrder();
      const c = await createPaidOrder();
      await markDeliveredByStatus(c.order.id, new Date(Date.now() - 30 * 86_400_000));
      paidIds.push(a.order.id, b.order.id);
      deliveredIds.push(c.order.id);
      const now = new Date(Date.now() + 86_400_000);
      const [x, y] = await Promise.all([reconcileLifecycle(getDb(), { now, deliver }), reconcileLifecycle(getDb(), { now, deliver })]);
      expect(x.details.shipped + y.details.shipped, `round ${round}`).toBeGreaterThanOrEqual(2);
      expect(x.details.autoConfirmed + y.details.autoConfirmed, `round ${round}`).toBeGreaterThanOrEqual(1);
    }
    for (const id of paidIds) {
      const log = await statusLog(id);
      expect(log.filter((r) => r.toStatus === "shipped"), id).toHaveLength(1);
      expect(await getDb().select().from(shipments).where(eq(shipments.orderId, id))).toHaveLength(1);
    }
    const commits = await getDb().select().from(inventoryMovements).where(and(inArray(inventoryMovements.orderId, paidIds), eq(inventoryMovements.kind, "commit")));
    expect(commits).toHaveLength(paidIds.length);
    for (const id of deliveredIds) {
      expect((await statusLog(id)).filter((r) => r.toStatus === "completed"), id).toHaveLength(1);
      expect(await orderOf(id)).toMatchObject({ status: "completed" });
    }
  });

  it("a paid order is not shipped before its auto-ship delay, nor a delivery confirmed inside its window", async () => {
    const { order } = await createPaidOrder();
    const delivered = await createPaidOrder();
    await markDeliveredByStatus(delivered.order.id);
    await reconcileLifecycle(getDb(), { now: new Date(), deliver });
    expect(await orderOf(order.id)).toMatchObject({ status: "paid" });
    expect(await orderOf(delivered.order.id)).toMatchObject({ status: "delivered" });
    expect(await getDb().select().from(shipments).where(eq(shipments.orderId, order.id))).toHaveLength(1); // created, waiting
  });
  it("at a time scale where the auto-ship delay ends before the next run, a paid order gets no shipment ahead: the next run ships it", async () => {
    const { order } = await createPaidOrder();
    const paidAt = (await orderOf(order.id)).paidAt!;
    await simulationSettings.update(getDb(), { timeScale: 100_000 }, null);
    try {
      // The run starts as the order is paid: its 18 ms delay (30 minutes / 100,000) has not passed.
      await reconcileLifecycle(getDb(), { now: paidAt, deliver });
      expect(await getDb().select().from(shipments).where(eq(shipments.orderId, order.id))).toHaveLength(0);
      const next = await reconcileLifecycle(getDb(), { now: new Date(paidAt.getTime() + 5_000), deliver });
      expect(next.details.shipped).toBeGreaterThanOrEqual(1);
      expect(await orderOf(order.id)).toMatchObject({ status: "shipped" });
      expect(await getDb().select({ status: shipments.status }).from(shipments).where(eq(shipments.orderId, order.id))).toEqual([{ status: "picked_up" }]);
    } finally {
      await simulationSettings.update(getDb(), { timeScale: 1 }, null);
    }
  });

  it("closes an order past its payment window (every 5 s with the rest of the lifecycle), not one inside it", async () => {
    const { order } = await createPendingOrder();
    const waiting = await createPendingOrder();
    await getDb().update(orders).set({ paymentDeadlineAt: new Date(Date.now() - 1_000) }).where(eq(orders.id, order.id));
    const result = await reconcileLifecycle(getDb(), { now: new Date(), deliver });
    expect(result.details.expired).toBeGreaterThanOrEqual(1);
    expect((await orderOf(order.id)).status).toBe("cancelled");
    expect((await orderOf(waiting.order.id)).status).toBe("pending_payment");
  });

  it("lanes claim side by side: each due item is applied exactly once, several at a time, 20 rounds", async () => {
    const { claimEach, uuidArray } = await import("./claim-each");
    const table = `due_${randomUUID().replaceAll("-", "").slice(0, 10)}`;
    await getDb().execute(sql.raw(`create table ${table} (id uuid primary key default gen_random_uuid(), applied int not null default 0)`));
    let running = 0;
    let most = 0;
    for (let round = 0; round < 20; round++) {
      await getDb().execute(sql.raw(`truncate ${table}; insert into ${table} select from generate_series(1, 12)`));
      const done = await claimEach(getDb(), {
        limit: 100,
        lanes: 3,
        claim: async (tx, seen) => {
          const [row] = (await tx.execute(
            sql`select id from ${sql.raw(table)} where applied = 0 and id <> all(${uuidArray(seen)}::uuid[]) limit 1 for update skip locked`,
          )) as unknown as { id: string }[];
          return row;
        },
        apply: async (tx, row) => {
          most = Math.max(most, ++running);
          await tx.execute(sql`update ${sql.raw(table)} set applied = applied + 1 where id = ${row.id}`);
          running--;
          return row.id;
        },
      });
      expect(done, `round ${round}`).toHaveLength(12);
      const rows = (await getDb().execute(sql.raw(`select applied from ${table}`))) as unknown as { applied: number }[];
      expect(rows.every((r) => r.applied === 1), `round ${round}`).toBe(true);
    }
    // The lanes did overlap: more than one item was being applied at once.
    expect(most).toBeGreaterThan(1);
  });

  it("each step stops once its time budget is spent; the next run takes the rest", async () => {
    const paid = [await createPaidOrder(), await createPaidOrder()];
    for (const p of paid) await markDeliveredByStatus(p.order.id, new Date(Date.now() - 86_400_000 * 30));
    const { confirmOverdueReceipts } = await import("./receipt");
    // A budget already spent: nothing is claimed.
    const { claimEach } = await import("./claim-each");
    const none = await claimEach(getDb(), { limit: 10, budgetMs: 0, claim: async () => ({ id: "x" }), apply: async () => 1 });
    expect(none).toEqual([]);
    await confirmOverdueReceipts(getDb(), { now: new Date() });
    for (const p of paid) expect((await orderOf(p.order.id)).status).toBe("completed");
  });
});

describe("a whole order life driven only by the local sweeps", () => {
  it("paid → shipped → delivered → completed with a large time scale, each step in the status log and every sweep run recorded", async () => {
    const { shopper, order } = await createPendingOrder();
    const { payment } = await shopper.caller.payment.create({ orderId: order.id, method: "card" });
    expect((await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: GOOD_CARD } })).outcome).toBe("succeeded");
    // From here on 100000 simulated seconds pass per real second (auto-ship delay, route, receipt window).
    await simulationSettings.update(getDb(), { timeScale: 100_000 }, null);
    try {
      const start = Date.now();
      let rounds = 0;
      // Time passes only through the sweeps' clock: one simulated real minute per round.
      while ((await orderOf(order.id)).status !== "completed" && rounds < 200) {
        const now = new Date(start + ++rounds * 60_000);
        for (const sweep of SWEEPS) await runSweep(getDb(), sweep, { now });
      }
      const log = await statusLog(order.id);
      expect(log.map((r) => r.toStatus)).toEqual(["pending_payment", "paid", "shipped", "delivered", "completed"]);
      expect(log.slice(2).every((r) => r.actor === "system")).toBe(true);
      expect(await orderOf(order.id)).toMatchObject({ status: "completed", logisticsStatus: "delivered", paymentStatus: "succeeded" });
      // Every run is accounted for: kept when it did something, counted when it found nothing.
      const runs = await getDb().select().from(taskRuns).where(eq(taskRuns.taskId, "lifecycle-reconciliation"));
      const idle = await getDb().select().from(taskIdleRuns).where(eq(taskIdleRuns.taskId, "lifecycle-reconciliation"));
      expect(runs.length).toBeGreaterThan(0);
      expect(runs.length + idle.reduce((sum, r) => sum + r.runs, 0)).toBeGreaterThanOrEqual(rounds);
      expect(runs.every((r) => r.status === "succeeded" && r.trigger === "cron" && r.durationMs !== null && Number(r.result?.processed) > 0)).toBe(true);
    } finally {
      await simulationSettings.update(getDb(), { timeScale: 1 }, null);
    }
  });
});

describe("receipt and after-sale window", () => {
  it("the shopper confirms receipt of a delivered order; others cannot see it; other statuses conflict", async () => {
    const { order, shopper } = await createPaidOrder();
    const stranger = await createShopper();
    await expect(shopper.caller.lifecycle.confirmReceipt({ orderId: order.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await markDeliveredByStatus(order.id);
    await expect(stranger.caller.lifecycle.confirmReceipt({ orderId: order.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await shopper.caller.lifecycle.confirmReceipt({ orderId: order.id })).toEqual({ id: order.id, status: "completed", changed: true });
    expect(await shopper.caller.lifecycle.confirmReceipt({ orderId: order.id })).toEqual({ id: order.id, status: "completed", changed: false });
    expect((await statusLog(order.id)).filter((r) => r.toStatus === "completed")).toEqual([expect.objectContaining({ actor: "shopper", actorId: shopper.user.id })]);
  });

  it("refund requests are refused with REFUND_WINDOW_CLOSED once the after-sale window has passed", async () => {
    const { shopper, order } = await createPendingOrder();
    const { payment } = await shopper.caller.payment.create({ orderId: order.id, method: "card" });
    await shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: GOOD_CARD } });
    await markDeliveredByStatus(order.id);
    await shopper.caller.lifecycle.confirmReceipt({ orderId: order.id });
    const total = (await orderOf(order.id)).payableTotalMinor;
    // Inside the window: accepted.
    await shopper.caller.payment.requestRefund({ orderId: order.id, amountMinor: 100, reason: "scratched" });
    await getDb().update(orders).set({ completedAt: new Date(Date.now() - 16 * 86_400_000) }).where(eq(orders.id, order.id));
    await expect(shopper.caller.payment.requestRefund({ orderId: order.id, amountMinor: total - 100, reason: "too late" })).rejects.toMatchObject({
      code: "CONFLICT",
      cause: { code: "REFUND_WINDOW_CLOSED" },
    });
  });
});

describe("admin tasks", () => {
  it("lists every task with the active mode, runs a cron task now and records it; shoppers are refused", async () => {
    const admin = await createAdmin();
    const shopper = await createShopper();
    await expect(shopper.caller.lifecycle.tasks()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const overview = await admin.caller.lifecycle.tasks();
    expect(overview.mode).toBe("off");
    expect(overview.tasks.map((t) => t.id)).toEqual(expect.arrayContaining(["lifecycle-reconciliation", "lifecycle-outbox-relay", "payment-reconciliation"]));
    const { runId } = await admin.caller.lifecycle.runNow({ taskId: "lifecycle-reconciliation" });
    expect(await admin.caller.lifecycle.taskRun({ runId })).toMatchObject({ taskId: "lifecycle-reconciliation", trigger: "manual", status: "succeeded" });
    await expect(admin.caller.lifecycle.runNow({ taskId: "no-such-task" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(admin.caller.lifecycle.retryRun({ runId })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(admin.caller.lifecycle.updateSettings({ receiptWindowDays: -1 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await admin.caller.lifecycle.updateSettings({ receiptWindowDays: 5 })).toMatchObject({ receiptWindowDays: 5, afterSaleDays: 15 });
    await lifecycleSettings.update(getDb(), { receiptWindowDays: 7 }, null);
  });

  it("success rates count finished runs only: a run still going is neither a success nor a failure", async () => {
    const admin = await createAdmin();
    const taskId = "payment-idempotency-cleanup";
    const before = (await admin.caller.lifecycle.tasks()).tasks.find((t) => t.id === taskId)!;
    const ok = await startTaskRun(getDb(), { taskId, trigger: "cron", mode: "local" });
    await finishTaskRun(getDb(), { id: ok }, { status: "succeeded" });
    const bad = await startTaskRun(getDb(), { taskId, trigger: "cron", mode: "local" });
    await finishTaskRun(getDb(), { id: bad }, { status: "failed", error: new Error("boom") });
    await startTaskRun(getDb(), { taskId, trigger: "cron", mode: "local" });

    const task = (await admin.caller.lifecycle.tasks()).tasks.find((t) => t.id === taskId)!;
    expect(task.runs - before.runs).toBe(3);
    expect(task.finished - before.finished).toBe(2);
    const succeededBefore = (before.successRate ?? 0) * before.finished;
    expect(task.successRate).toBeCloseTo((succeededBefore + 1) / (before.finished + 2));
    expect(task.lastStatus).toBe("running");
  });
});

describe("scheduled runs that find nothing to do", () => {
  /** A sweep of its own (a fresh task id per test) whose next result the test sets. */
  function fakeSweep(result: () => Promise<number>): Sweep {
    return { id: `test-sweep-${randomUUID()}`, description: "test", cron: "*/2 * * * * *", run: async () => ({ processed: await result() }) };
  }

  it("are counted, not kept; runs that did something, failed or were asked for are kept, and the statistics add both", async () => {
    let next = async () => 0;
    const sweep = fakeSweep(() => next());
    const statsOf = async () => (await taskStats(getDb())).get(sweep.id);

    const idle = await runSweep(getDb(), sweep, { trigger: "cron" });
    await expect(getTaskRun(getDb(), idle.runId)).rejects.toMatchObject({ code: "TASK_NOT_FOUND" });
    expect(await statsOf()).toMatchObject({ runs: 1, succeeded: 1, failed: 0, lastStatus: "succeeded" });

    next = async () => 2;
    const busy = await runSweep(getDb(), sweep, { trigger: "cron" });
    expect(await getTaskRun(getDb(), busy.runId)).toMatchObject({ status: "succeeded", trigger: "cron", result: { processed: 2 } });

    next = async () => 0;
    const manual = await runSweep(getDb(), sweep, { trigger: "manual" });
    expect(await getTaskRun(getDb(), manual.runId)).toMatchObject({ status: "succeeded", trigger: "manual", result: { processed: 0 } });

    next = async () => {
      throw new Error("carrier unreachable");
    };
    await expect(runSweep(getDb(), sweep, { trigger: "cron" })).rejects.toThrow("carrier unreachable");
    expect(await statsOf()).toMatchObject({ runs: 4, succeeded: 3, failed: 1, lastStatus: "failed" });

    // An idle run after the failure is the latest run again.
    next = async () => 0;
    await runSweep(getDb(), sweep, { trigger: "cron" });
    // Idle counts after the first are written in batches (at most a minute late): write them now.
    await flushIdleRuns(getDb);
    const stats = await statsOf();
    expect(stats).toMatchObject({ runs: 5, succeeded: 4, failed: 1, lastStatus: "succeeded" });
    const rows = await getDb().select().from(taskRuns).where(eq(taskRuns.taskId, sweep.id));
    expect(rows.map((r) => r.trigger).sort()).toEqual(["cron", "cron", "manual"]);
    expect(stats!.lastStartedAt!.getTime()).toBeGreaterThan(Math.max(...rows.map((r) => r.startedAt.getTime())));
  });

  it("20 rounds of 8 idle runs finishing at once, each finish delivered twice: every run counted exactly once", async () => {
    const taskId = `test-sweep-${randomUUID()}`;
    for (let round = 1; round <= 20; round++) {
      const ids = await Promise.all(Array.from({ length: 8 }, () => startTaskRun(getDb(), { taskId, trigger: "cron", mode: "local" })));
      // A read-then-write count (read the hour's row, write it back plus one) loses finishes here.
      await Promise.all([...ids, ...ids].map((id) => finishIdleTaskRun(getDb(), id)));
      const [bucket] = await getDb().select().from(taskIdleRuns).where(eq(taskIdleRuns.taskId, taskId));
      expect(bucket!.runs).toBe(8 * round);
    }
    expect(await getDb().select().from(taskRuns).where(eq(taskRuns.taskId, taskId))).toEqual([]);
    // A run that already finished (succeeded or failed) is not turned into an idle count.
    const done = await startTaskRun(getDb(), { taskId, trigger: "cron", mode: "local" });
    await finishTaskRun(getDb(), { id: done }, { status: "failed", error: new Error("boom") });
    await finishIdleTaskRun(getDb(), done);
    expect(await getTaskRun(getDb(), done)).toMatchObject({ status: "failed" });
    expect((await taskStats(getDb())).get(taskId)).toMatchObject({ runs: 161, succeeded: 160, failed: 1 });
  });

  it("count by the UTC hour: the day's statistics take the hours the day overlaps, and housekeeping forgets counts older than two days", async () => {
    const taskId = `test-sweep-${randomUUID()}`;
    const now = new Date("2026-03-10T12:30:00Z");
    const idleAt = async (iso: string) => finishIdleTaskRun(getDb(), await startTaskRun(getDb(), { taskId, trigger: "cron", mode: "local", startedAt: new Date(iso) }));
    await idleAt("2026-03-10T12:10:00Z");
    await idleAt("2026-03-10T12:20:00Z");
    await idleAt("2026-03-09T12:45:00Z"); // the hour 12:00–13:00 yesterday overlaps the last 24 h
    await idleAt("2026-03-09T11:59:00Z"); // outside
    await idleAt("2026-03-07T10:00:00Z"); // older than two days
    const buckets = await getDb().select().from(taskIdleRuns).where(eq(taskIdleRuns.taskId, taskId));
    expect(buckets.map((b) => [b.hour.toISOString(), b.runs]).sort()).toEqual([
      ["2026-03-07T10:00:00.000Z", 1],
      ["2026-03-09T11:00:00.000Z", 1],
      ["2026-03-09T12:00:00.000Z", 1],
      ["2026-03-10T12:00:00.000Z", 2],
    ]);
    expect((await taskStats(getDb(), { now })).get(taskId)).toMatchObject({ runs: 3, succeeded: 3, lastStartedAt: new Date("2026-03-10T12:20:00Z") });

    const pruned = await pruneTaskRuns(getDb(), { now });
    expect(pruned).toBeGreaterThanOrEqual(1);
    const left = await getDb().select().from(taskIdleRuns).where(eq(taskIdleRuns.taskId, taskId));
    expect(left.map((b) => b.hour.toISOString()).sort()).toEqual(["2026-03-09T11:00:00.000Z", "2026-03-09T12:00:00.000Z", "2026-03-10T12:00:00.000Z"]);
  });
});
