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
  recordBatchDone,
  simulationSettings,
  toSimulationRunView,
  type SimulationRunView,
  type StartSimulationInput,
} from "@/server/domain/simulation";
import type { PaymentProvider } from "@/server/domain/payment";
import { DomainError } from "@/server/errors";
import { enqueueEvent } from "@/server/events/outbox";
import { logger } from "@/server/observability/logger";
import type { Sweep } from "@/server/scheduler/sweep";
import { ensureSimulatedShopper, generateSimulatedOrder, productsForSimulation } from "./simulation-generate";

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
    try {
      const ctx = { db, run, products: await productsForSimulation(db), provider };
      const range = batchRange(run, batch);
      const outcomes = planOutcomes(run.seed, run.totalOrders, run.params.mix);
      for (const idx of range.shoppers) await ensureSimulatedShopper(ctx, idx);
      for (const idx of range.orders) await generateSimulatedOrder(ctx, { idx, outcome: outcomes[idx]! });
    } catch (error) {
      logger.error({ err: error, runId, batch }, "simulation batch failed");
      await failSimulationRun(tx, { runId, error: error instanceof Error ? error.message : String(error) });
      return { status: "skipped" as const, run: toSimulationRunView((await findSimulationRun(tx, runId))!) };
    }
    return { status: "generated" as const, run: toSimulationRunView(await recordBatchDone(tx, { run, batch })) };
  });
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
 * handed to it and when its next batch falls due — at most every 2 s, the pace runs always had
 * here (a run paced "as fast as possible" does not take the machine) — and every 30 s in any case.
 */
export const simulationRunsSweep: Sweep = {
  id: "simulation-runs",
  description: "Generate the next batch of each running simulation whose pacing says it is due",
  cron: "*/30 * * * * *",
  run: advanceDueSimulations,
  wake: { queue: "simulation-runs", nextDueAt: ({ db }) => nextSimulationBatchDueAt(db), minGapMs: 2_000 },
};
