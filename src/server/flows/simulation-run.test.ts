import { and, eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { orders, outboxEvents, payments, shipments, simulationOrders, simulationShoppers, users } from "@/server/db/schema";
import { cancelSimulationRun, getSimulationRun, outcomeCounts, planOutcomes, planSimulationOrder, simulatedOrderNote } from "@/server/domain/simulation";
import { SMALL_MIX, runToEnd, startRun, withSimulationDatabase } from "../../../test/simulation-fixtures";
import { checkout } from "./checkout";
import { ensureSimulatedShopper, generateSimulatedOrder, knowSimulatedShoppers, productsForSimulation } from "./simulation-generate";
import { countStatements } from "../../../test/statement-count";
import { advanceDueSimulations, ordersByShopper, runSimulationBatch } from "./simulation-run";
import { dueSimulationRuns, findSimulationRun, setSimulationExecutor } from "@/server/domain/simulation";
import { quoteShippingForCheckout } from "./shipping-quote";

withSimulationDatabase();

/** Every order the run's shoppers own (whatever the run recorded), to catch duplicates. */
async function ordersOfRunShoppers(runId: string) {
  return getDb()
    .select({ id: orders.id, status: orders.status, logisticsStatus: orders.logisticsStatus, carrierCode: orders.carrierCode, note: orders.note })
    .from(orders)
    .where(inArray(orders.userId, getDb().select({ id: simulationShoppers.userId }).from(simulationShoppers).where(eq(simulationShoppers.runId, runId))));
}

async function recordedOrders(runId: string) {
  return getDb().select().from(simulationOrders).where(eq(simulationOrders.runId, runId)).orderBy(simulationOrders.idx);
}

describe("simulation runs", () => {
  it("a seeded run makes exactly the requested shoppers, orders and outcome mix through the real flows", async () => {
    const { run } = await startRun({ shoppers: 4, orders: 12, mix: SMALL_MIX, batchSize: 5, carriers: ["ZTX"], seed: 42 });
    expect(run).toMatchObject({ status: "running", batchCount: 3, nextBatch: 0, percent: 0 });
    const done = await runToEnd(run.id);

    const expected = { paid: 3, failed_then_paid: 3, abandoned: 2, cancelled: 2, refunded: 1, delivery_exception: 1 };
    expect(outcomeCounts(12, SMALL_MIX)).toEqual(expected);
    expect(done).toMatchObject({ status: "completed", percent: 100, nextBatch: 3, ordersCreated: 12, ordersFailed: 0, shoppersCreated: 4 });
    expect(done.outcomeCounts).toEqual(expected);

    const shoppers = await getDb().select({ email: users.email, role: users.role }).from(simulationShoppers).innerJoin(users, eq(users.id, simulationShoppers.userId)).where(eq(simulationShoppers.runId, run.id));
    expect(shoppers).toHaveLength(4);
    expect(shoppers.every((s) => s.role === "shopper" && s.email.endsWith("@sim.shopflow.test"))).toBe(true);
    // One random secret hashed once for every simulated shopper (no bcrypt per sign-up); no one knows it.
    const hashes = await getDb().select({ hash: users.passwordHash }).from(simulationShoppers).innerJoin(users, eq(users.id, simulationShoppers.userId)).where(eq(simulationShoppers.runId, run.id));
    expect(new Set(hashes.map((h) => h.hash)).size).toBe(1);
    expect(hashes[0]!.hash).toMatch(/^\$2[aby]\$/);

    const all = await ordersOfRunShoppers(run.id);
    expect(all).toHaveLength(12);
    expect(all.every((o) => o.carrierCode === "ZTX")).toBe(true);
    const byId = new Map(all.map((o) => [o.id, o]));
    const expectedStatus = { paid: "paid", failed_then_paid: "paid", abandoned: "pending_payment", cancelled: "cancelled", refunded: "refunding", delivery_exception: "shipped" };
    for (const record of await recordedOrders(run.id)) {
      const order = byId.get(record.orderId!)!;
      expect(order.status, record.outcome).toBe(expectedStatus[record.outcome]);
      expect(order.note).toBe(simulatedOrderNote(run.id, record.idx));
      if (record.outcome === "delivery_exception") expect(order.logisticsStatus).toBe("exception");
      if (record.outcome === "failed_then_paid") {
        const [payment] = await getDb().select().from(payments).where(eq(payments.orderId, order.id));
        expect(payment).toMatchObject({ status: "succeeded", attemptCount: 2 });
      }
    }
    const [exception] = await getDb()
      .select({ status: shipments.status })
      .from(shipments)
      .where(inArray(shipments.orderId, (await recordedOrders(run.id)).filter((r) => r.outcome === "delivery_exception").map((r) => r.orderId!)));
    expect(exception?.status).toBe("exception");
  });

  it("a batch reads the shoppers it returns to in two statements, not two per order, with each one's default address", async () => {
    const { run } = await startRun({ shoppers: 4, orders: 8, mix: SMALL_MIX, batchSize: 4, seed: 7 });
    await runSimulationBatch(getDb(), { runId: run.id, batch: 0 }); // signs up shoppers 0–3
    const row = (await findSimulationRun(getDb(), run.id))!;
    const ctx = { db: getDb(), run: row, products: await productsForSimulation(getDb()) };
    const read = await countStatements(() => knowSimulatedShoppers(ctx, [0, 1, 2, 3, 1, 2]));
    expect(read.shop).toBe(2);
    // What the orders then ask costs nothing more: the same accounts as the sign-ups recorded.
    const asked = await countStatements(() => Promise.all([0, 1, 2, 3].map((idx) => ensureSimulatedShopper(ctx, idx))));
    expect(asked.shop).toBe(0);
    const recorded = await getDb().select().from(simulationShoppers).where(eq(simulationShoppers.runId, run.id)).orderBy(simulationShoppers.idx);
    expect(asked.result).toEqual(recorded.map((r) => r.userId));
    await cancelSimulationRun(getDb(), { runId: run.id });
  });

  it("a batch plans and records its orders in a few statements, not three per order, and records each one's result", async () => {
    const { run } = await startRun({ shoppers: 4, orders: 16, mix: SMALL_MIX, batchSize: 8, seed: 11 });
    const forBatch = async (batch: number) => {
      const counted = await countStatements(() => runSimulationBatch(getDb(), { runId: run.id, batch }));
      expect(counted.result.status).toBe("generated");
      return counted.texts.filter((text) => /simulation_orders/.test(text));
    };
    // The plans' insert, the results' update and the batch's count: one by one it was 3 per order.
    const [first, second] = [await forBatch(0), await forBatch(1)];
    expect(first).toHaveLength(3);
    expect(second).toHaveLength(3);
    const records = await recordedOrders(run.id);
    expect(records).toHaveLength(16);
    expect(records.every((r) => r.stage === "done" && r.orderId !== null && r.error === null)).toBe(true);
    expect(new Set(records.map((r) => r.orderId)).size).toBe(16);
  });

  it("an order the shop refuses is recorded failed with the refusal, counted as failed, and the run goes on", async () => {
    const { run } = await startRun({ shoppers: 2, orders: 4, batchSize: 2, mix: { paid: 50, cancelled: 50 } });
    // Nothing in stock for the first batch: every product's stock is held.
    const stock = (await getDb().execute(sql`select product_id, on_hand from inventory`)) as unknown as { product_id: string; on_hand: number }[];
    await getDb().execute(sql`update inventory set on_hand = reserved`);
    try {
      expect(await runSimulationBatch(getDb(), { runId: run.id, batch: 0 })).toMatchObject({ status: "generated", run: { ordersCreated: 0, ordersFailed: 2 } });
    } finally {
      for (const { product_id, on_hand } of stock) await getDb().execute(sql`update inventory set on_hand = ${on_hand} where product_id = ${product_id}`);
    }
    const done = await runToEnd(run.id);
    expect(done).toMatchObject({ status: "completed", ordersCreated: 2, ordersFailed: 2 });
    const records = await recordedOrders(run.id);
    expect(records.map((r) => ({ idx: r.idx, stage: r.stage, ordered: r.orderId !== null }))).toEqual([
      { idx: 0, stage: "failed", ordered: false },
      { idx: 1, stage: "failed", ordered: false },
      { idx: 2, stage: "done", ordered: true },
      { idx: 3, stage: "done", ordered: true },
    ]);
    expect(records[0]!.error).toMatch(/^OUT_OF_STOCK: /);
  });

  it("the same seed scripts the same outcomes order by order; another seed shuffles them differently", async () => {
    const first = await startRun({ shoppers: 2, orders: 8, mix: { paid: 50, cancelled: 25, abandoned: 25 }, batchSize: 8, seed: 7 });
    await runToEnd(first.run.id);
    const second = await startRun({ shoppers: 2, orders: 8, mix: { paid: 50, cancelled: 25, abandoned: 25 }, batchSize: 4, seed: 7 });
    await runToEnd(second.run.id);
    const outcomesOf = async (runId: string) => (await recordedOrders(runId)).map((r) => r.outcome);
    expect(await outcomesOf(second.run.id)).toEqual(await outcomesOf(first.run.id));
    expect(await outcomesOf(first.run.id)).toEqual(planOutcomes(7, 8, { paid: 50, cancelled: 25, abandoned: 25, failed_then_paid: 0, refunded: 0, delivery_exception: 0 }));
    const shuffles = new Set([7, 8, 9, 10, 11].map((seed) => planOutcomes(seed, 8, { paid: 50, cancelled: 25, abandoned: 25, failed_then_paid: 0, refunded: 0, delivery_exception: 0 }).join()));
    expect(shuffles.size).toBeGreaterThan(1);
  });

  it("running a batch again changes nothing", async () => {
    const { run } = await startRun({ orders: 6, batchSize: 3 });
    expect((await runSimulationBatch(getDb(), { runId: run.id, batch: 0 })).status).toBe("generated");
    const again = await runSimulationBatch(getDb(), { runId: run.id, batch: 0 });
    expect(again).toMatchObject({ status: "skipped", run: { nextBatch: 1, ordersCreated: 3 } });
    expect((await runSimulationBatch(getDb(), { runId: run.id, batch: 5 })).status).toBe("skipped");
    expect(await ordersOfRunShoppers(run.id)).toHaveLength(3);
    await runToEnd(run.id);
    expect(await ordersOfRunShoppers(run.id)).toHaveLength(6);
  });

  it("the same batch run by 4 workers at once is generated once (20 rounds)", async () => {
    for (let round = 0; round < 20; round++) {
      const { run } = await startRun({ shoppers: 2, orders: 2, batchSize: 2, mix: { paid: 50, cancelled: 50 } });
      const results = await Promise.all(Array.from({ length: 4 }, () => runSimulationBatch(getDb(), { runId: run.id, batch: 0 })));
      expect(results.filter((r) => r.status === "generated"), `round ${round}`).toHaveLength(1);
      expect(await ordersOfRunShoppers(run.id)).toHaveLength(2);
      expect(await getSimulationRun(getDb(), run.id)).toMatchObject({ status: "completed", ordersCreated: 2, shoppersCreated: 2 });
    }
  });

  it("a batch interrupted half-way (even right after a checkout) resumes without creating anything twice", async () => {
    const { run } = await startRun({ shoppers: 2, orders: 4, batchSize: 4, mix: { paid: 50, cancelled: 50 } });
    const row = (await findSimulationRun(getDb(), run.id))!;
    const ctx = { db: getDb(), run: row, products: await productsForSimulation(getDb()) };
    const outcomes = planOutcomes(row.seed, 4, row.params.mix);
    // order 0 fully made by an attempt that died before recording the batch
    await generateSimulatedOrder(ctx, { idx: 0, outcome: outcomes[0]! });
    // order 1 checked out, then the process died before the run recorded the order
    const userId = await ensureSimulatedShopper(ctx, 1);
    await planSimulationOrder(getDb(), { runId: run.id, idx: 1, shopperIdx: 1, outcome: outcomes[1]! });
    const [address] = await getDb().execute<{ id: string }>(sql`select id from addresses where user_id = ${userId}`);
    await checkout(getDb(), {
      userId,
      input: { addressId: address!.id, items: [{ productId: ctx.products[0]!.id, quantity: 1 }], note: simulatedOrderNote(run.id, 1) },
      quoteShipping: quoteShippingForCheckout,
    });

    const done = await runToEnd(run.id);
    expect(done).toMatchObject({ status: "completed", ordersCreated: 4, shoppersCreated: 2 });
    expect(await ordersOfRunShoppers(run.id)).toHaveLength(4);
    const records = await recordedOrders(run.id);
    expect(new Set(records.map((r) => r.orderId)).size).toBe(4);
  });

  it("a batch plays its shoppers side by side and each shopper's orders in index order", async () => {
    expect(ordersByShopper([10, 11, 12, 13, 14], 3)).toEqual([[10, 13], [11, 14], [12]]);
    const { run } = await startRun({ shoppers: 3, orders: 9, batchSize: 9, mix: { paid: 50, cancelled: 50 } });
    const done = await runToEnd(run.id);
    expect(done).toMatchObject({ status: "completed", ordersCreated: 9, ordersFailed: 0, shoppersCreated: 3 });
    const all = await ordersOfRunShoppers(run.id);
    expect(all).toHaveLength(9);
    expect(new Set(all.map((o) => o.note)).size).toBe(9);
  });

  it("a batch's counters come from its own records only, added to the run's", async () => {
    const { run } = await startRun({ shoppers: 2, orders: 6, batchSize: 2, mix: { paid: 50, cancelled: 50 } });
    // A record of batch 2 already done (as a retried attempt may leave one) is counted with batch 2, not before.
    await getDb().insert(simulationOrders).values({ runId: run.id, idx: 5, shopperIdx: 1, outcome: "paid", stage: "done" });
    const afterFirst = await runSimulationBatch(getDb(), { runId: run.id, batch: 0 });
    expect(afterFirst).toMatchObject({ status: "generated", run: { ordersCreated: 2, nextBatch: 1 } });
    expect(Object.values((await getSimulationRun(getDb(), run.id)).outcomeCounts).reduce((a, b) => a + b, 0)).toBe(2);
    await runSimulationBatch(getDb(), { runId: run.id, batch: 1 });
    expect((await getSimulationRun(getDb(), run.id)).ordersCreated).toBe(4);
    const done = await runToEnd(run.id);
    expect(done).toMatchObject({ status: "completed", ordersCreated: 6 });
    expect(Object.values(done.outcomeCounts).reduce((a, b) => a + b, 0)).toBe(6);
  });

  it("cancel stops further batches, in the sweep too", async () => {
    const { run } = await startRun({ orders: 6, batchSize: 2 });
    await runSimulationBatch(getDb(), { runId: run.id, batch: 0 });
    const cancelled = await cancelSimulationRun(getDb(), { runId: run.id });
    expect(cancelled.status).toBe("cancelled");
    expect((await cancelSimulationRun(getDb(), { runId: run.id })).status).toBe("cancelled");
    expect((await runSimulationBatch(getDb(), { runId: run.id, batch: 1 })).status).toBe("skipped");
    expect(await advanceDueSimulations({ db: getDb(), now: new Date(Date.now() + 3_600_000) })).toEqual({ processed: 0 });
    expect(await getSimulationRun(getDb(), run.id)).toMatchObject({ status: "cancelled", nextBatch: 1, ordersCreated: 2 });
    expect(await ordersOfRunShoppers(run.id)).toHaveLength(2);
  });

  it("the local sweep advances a run batch by batch at its rate", async () => {
    const { run } = await startRun({ orders: 4, batchSize: 2, pacing: "rate", ordersPerMinute: 2 });
    const now = () => new Date();
    expect(await advanceDueSimulations({ db: getDb(), now: now() })).toEqual({ processed: 1 });
    // the next batch is a minute away (2 orders at 2 a minute): not yet due
    expect(await advanceDueSimulations({ db: getDb(), now: now() })).toEqual({ processed: 0 });
    expect((await getSimulationRun(getDb(), run.id)).nextBatch).toBe(1);
    expect(await advanceDueSimulations({ db: getDb(), now: new Date(Date.now() + 61_000) })).toEqual({ processed: 1 });
    expect(await getSimulationRun(getDb(), run.id)).toMatchObject({ status: "completed", ordersCreated: 4 });
  });

  it("leaves an Inngest-driven run to Inngest unless it is overdue, and never picks finished runs", async () => {
    const { run } = await startRun({ orders: 4, batchSize: 2 });
    await setSimulationExecutor(getDb(), { runId: run.id, executor: "inngest" });
    expect(await advanceDueSimulations({ db: getDb(), now: new Date() })).toEqual({ processed: 0 });
    // the function is gone for more than five minutes: the sweep takes over
    const later = new Date(Date.now() + 6 * 60_000);
    expect(await advanceDueSimulations({ db: getDb(), now: later })).toEqual({ processed: 1 });
    expect(await advanceDueSimulations({ db: getDb(), now: new Date(later.getTime() + 6 * 60_000) })).toEqual({ processed: 1 });
    expect(await getSimulationRun(getDb(), run.id)).toMatchObject({ status: "completed", ordersCreated: 4 });
    expect((await dueSimulationRuns(getDb(), { now: new Date(Date.now() + 86_400_000) })).map((r) => r.id)).not.toContain(run.id);
  });

  it("only one run generates at a time", async () => {
    const { run, admin } = await startRun({ orders: 2, batchSize: 2 });
    const { startSimulation } = await import("./simulation-run");
    await expect(startSimulation(getDb(), { adminId: admin.user.id, input: { shoppers: 1, orders: 1, mix: { paid: 100 } } })).rejects.toMatchObject({ code: "SIMULATION_RUNNING" });
    await runToEnd(run.id);
    const [stale] = await getDb().select().from(simulationOrders).where(and(eq(simulationOrders.runId, run.id), eq(simulationOrders.stage, "failed")));
    expect(stale).toBeUndefined();
  });

  it("in Inngest mode the run and its events travel through the outbox, in the transaction of each change", async () => {
    const { createAdmin } = await import("../../../test/fixtures");
    const admin = await createAdmin();
    const { startSimulation, cancelSimulation } = await import("./simulation-run");
    const run = await startSimulation(getDb(), { adminId: admin.user.id, input: { shoppers: 1, orders: 2, batchSize: 1, mix: { abandoned: 100 } }, executor: "inngest" });
    expect(run.executor).toBe("inngest");
    const eventsOf = async () =>
      (await getDb().select({ name: outboxEvents.name, data: outboxEvents.data }).from(outboxEvents).where(sql`${outboxEvents.data}->>'runId' = ${run.id}`)).map((e) => e.name).sort();
    expect(await eventsOf()).toEqual(["shop/simulation.requested"]);

    await cancelSimulation(getDb(), { runId: run.id });
    await cancelSimulation(getDb(), { runId: run.id });
    // One cancellation event, however often the admin presses cancel.
    expect(await eventsOf()).toEqual(["shop/simulation.cancelled", "shop/simulation.requested"]);
  });
});
