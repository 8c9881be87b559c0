import type { Database } from "@/server/db/client";
import {
  batchRange,
  cancelSimulationRun,
  claimSimulationRun,
  dueSimulationRuns,
  failSimulationRun,
  findSimulationRun,
  insertSimulationRun,
  nextSimulationBatchDueAt,
  planOutcomes,
  planSimulationOrders,
  recordBatchDone,
  recordSimulationOrders,
  shopperIndexFor,
  simulationSettings,
  toSimulationRunView,
  type SimulationOrderResult,
  type SimulationRunView,
  type StartSimulationInput,
} from "@/server/domain/simulation";
import type { PaymentProvider } from "@/server/domain/payment";
import { DomainError } from "@/server/errors";
import { enqueueEvent } from "@/server/events/outbox";
import { logger } from "@/server/observability/logger";
import type { Sweep } from "@/server/scheduler/sweep";
import { ensureSimulatedShopper, generateSimulatedOrder, knowSimulatedShoppers, productsForSimulation } from "./simulation-generate";

/**
 * Starts a simulation run. With an Inngest server (`executor: "inngest"`) the run row and its
 * `shop/simulation.requested` event are written in ONE transaction, and the outbox relay hands
 * the event to Inngest — nothing is sent on the request path, and a lost send is retried. Without
 * one the local sweep drives the run; it also takes over an Inngest run that falls far behind.
 * SIMULATION_RUNNING while another run is going.
 */
export async function startSimulation(
  db: Database,
  { adminId, input, executor = "local" }: { adminId: string; input: StartSimulationInput; executor?: "inngest" | "local" },
): Promise<SimulationRunView> {
  const products = await productsForSimulation(db);
  if (products.length === 0) throw new DomainError("OUT_OF_STOCK", "There is no product in stock to order: load the demo data first");
  const settings = await simulationSettings.get(db);
  const run = await db.transaction(async (tx) => {
    const inserted = await insertSimulationRun(tx, { input, adminId, defaultSeed: settings.seed, executor });
    if (executor === "inngest") await enqueueEvent(tx, "shop/simulation.requested", { runId: inserted.id });
    return inserted;
  });
  return toSimulationRunView(run);
}

/** Cancels a run: no further batch starts; an Inngest run also gets `shop/simulation.cancelled` (through the outbox). Idempotent. */
export async function cancelSimulation(db: Database, { runId }: { runId: string }): Promise<SimulationRunView> {
  return db.transaction(async (tx) => {
    const before = await findSimulationRun(tx, runId);
    const run = await cancelSimulationRun(tx, { runId });
    if (before?.status === "running" && run.executor === "inngest") await enqueueEvent(tx, "shop/simulation.cancelled", { runId });
    return toSimulationRunView(run);
  });
}

export type BatchResult =
  /** This call generated the batch. */
  | { status: "generated"; run: SimulationRunView }
  /** Another worker holds the run right now (try again later). */
  | { status: "busy" }
  /** Nothing to do: the batch was done before, or the run is no longer running. */
  | { status: "skipped"; run: SimulationRunView };

/**
 * Generates batch `batch` of a run. Idempotent and safe to run concurrently: the run row is
 * claimed with `FOR UPDATE SKIP LOCKED` for the whole batch (a concurrent call gets `busy`), a
 * batch other than `next_batch` is skipped, and `next_batch` advances in the same transaction
 * that records the batch's progress. Entities come from seed + run + index and are recorded as
 * they are made, so a batch interrupted half-way resumes without creating anything twice.
 * A failure that is not a business refusal fails the run (with its error) instead of looping.
 */
export async function runSimulationBatch(
  db: Database,
  { runId, batch, provider }: { runId: string; batch: number; provider?: PaymentProvider },
): Promise<BatchResult> {
  return db.transaction(async (tx) => {
    const run = await claimSimulationRun(tx, runId);
    if (!run) return { status: "busy" as const };
    if (run.status !== "running" || run.nextBatch !== batch) return { status: "skipped" as const, run: toSimulationRunView(run) };
    const results: SimulationOrderResult[] = [];
    try {
      const ctx = { db, run, products: await productsForSimulation(db), provider };
      const range = batchRange(run, batch);
      const outcomes = planOutcomes(run.seed, run.totalOrders, run.params.mix);
      await knowSimulatedShoppers(ctx, [...range.shoppers, ...range.orders.map((idx) => shopperIndexFor(idx, run.totalShoppers))]);
      await inLanes(range.shoppers, (idx) => ensureSimulatedShopper(ctx, idx));
      // Planned outside the batch's transaction: committed before any order is placed.
      const planned = await planSimulationOrders(db, {
        runId,
        plans: range.orders.map((idx) => ({ idx, shopperIdx: shopperIndexFor(idx, run.totalShoppers), outcome: outcomes[idx]! })),
      });
      // One shopper's orders one after another (they share an account and an address); shoppers side by side.
      await inLanes(ordersByShopper(range.orders, run.totalShoppers), async (indexes) => {
        for (const idx of indexes) results.push(await generateSimulatedOrder(ctx, { idx, outcome: outcomes[idx]!, planned: planned.get(idx) }));
      });
    } catch (error) {
      logger.error({ err: error, runId, batch }, "simulation batch failed");
      await recordSimulationOrders(tx, { runId, results });
      await failSimulationRun(tx, { runId, error: error instanceof Error ? error.message : String(error) });
      return { status: "skipped" as const, run: toSimulationRunView((await findSimulationRun(tx, runId))!) };
    }
    // The orders' results in one statement, committed with the batch's counters.
    await recordSimulationOrders(tx, { runId, results });
    return { status: "generated" as const, run: toSimulationRunView(await recordBatchDone(tx, { run, batch })) };
  });
}

/**
 * How many shoppers of a batch act at once. Each order's script waits on PostgreSQL and on the
 * gateway most of its time; a few side by side keep the worker busy without taking every
 * connection of its pool (10 by default; the sweeps and the batch's claim need theirs).
 */
export const SIMULATION_LANES = 4;

/**
 * Runs `work` on every item, at most SIMULATION_LANES at a time. After an error no item is
 * started; it rejects with the first error once the items under way have settled.
 */
async function inLanes<T>(items: T[], work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const lane = async () => {
    while (next < items.length && errors.length === 0) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        errors.push(error);
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(SIMULATION_LANES, items.length) }, lane));
  if (errors.length > 0) throw errors[0];
}

/** A batch's order indexes grouped by the shopper who places them, each group in index order. */
export function ordersByShopper(orderIndexes: number[], totalShoppers: number): number[][] {
  const groups = new Map<number, number[]>();
  for (const idx of orderIndexes) {
    const shopper = shopperIndexFor(idx, totalShoppers);
    const group = groups.get(shopper);
    if (group) group.push(idx);
    else groups.set(shopper, [idx]);
  }
  return [...groups.values()];
}

/** Local mode: advances every due run by one batch (respecting its pacing). */
export async function advanceDueSimulations({ db, now }: { db: Database; now: Date }): Promise<{ processed: number }> {
  let processed = 0;
  for (const due of await dueSimulationRuns(db, { now })) {
    const result = await runSimulationBatch(db, { runId: due.id, batch: due.nextBatch });
    if (result.status === "generated") processed += 1;
  }
  return { processed };
}

/**
 * The local scheduler's sweep: each due simulation run advances by one batch, when a run is
 * handed to it and when its next batch falls due, and every 30 s in any case. A `fast` run's
 * next batch is due at once, so its batches follow each other back to back, as the pacing says:
 * no least gap between runs (a woken sweep's usual 250 ms coalesces a burst of small items; here
 * each run is a whole batch of a second or two, and the gap left the generator idle an eighth of
 * a long run). A run that generated nothing waits for its next due time or the poll as usual.
 */
export const simulationRunsSweep: Sweep = {
  id: "simulation-runs",
  description: "Generate the next batch of each running simulation whose pacing says it is due",
  cron: "*/30 * * * * *",
  run: advanceDueSimulations,
  wake: { queue: "simulation-runs", nextDueAt: ({ db }) => nextSimulationBatchDueAt(db), minGapMs: 0 },
};
