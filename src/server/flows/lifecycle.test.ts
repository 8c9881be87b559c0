import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { inventoryMovements, orders, shipments, taskRuns } from "@/server/db/schema";
import { lifecycleSettings } from "@/server/domain/lifecycle";
import { simulationSettings } from "@/server/domain/simulation";
import { localDelivery } from "@/server/events";
import { finishTaskRun, startTaskRun } from "@/server/domain/lifecycle";
import { runSweep } from "@/server/scheduler/run-sweep";
import { SWEEPS } from "@/server/scheduler/registry";
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
      const runs = await getDb().select().from(taskRuns).where(eq(taskRuns.taskId, "lifecycle-reconciliation"));
      expect(runs.length).toBeGreaterThanOrEqual(rounds);
      expect(runs.every((r) => r.status === "succeeded" && r.trigger === "cron" && r.durationMs !== null)).toBe(true);
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
