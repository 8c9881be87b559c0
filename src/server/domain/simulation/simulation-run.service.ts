import { and, desc, eq, gte, inArray, lt, min, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/server/db/client";
import { prepared } from "@/server/db/prepared";
import { simulationOrders, simulationRuns, simulationShoppers } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { batchIntervalMs } from "./outcome-plan";
import {
  ZListSimulationRunsInput,
  ZStartSimulationInput,
  type SimulationOutcome,
  type SimulationRunView,
  type StartSimulationInput,
} from "./simulation.schemas";

export type SimulationRunRow = typeof simulationRuns.$inferSelect;
export type SimulationOrderRow = typeof simulationOrders.$inferSelect;

/** Turns a postgres unique violation on the one-running index into SIMULATION_RUNNING. */
function isOneRunningViolation(error: unknown): boolean {
  const e = error as { code?: string; constraint_name?: string; cause?: { code?: string; constraint_name?: string } };
  const pg = e?.code ? e : e?.cause;
  return pg?.code === "23505" && pg?.constraint_name === "simulation_runs_one_running";
}

/**
 * Records a new run (status running). At most one run generates at a time: a second start while
 * one is running is SIMULATION_RUNNING (a partial unique index decides, so two concurrent starts
 * cannot both win).
 */
export async function insertSimulationRun(
  db: DbOrTx,
  { input, adminId, defaultSeed, executor }: { input: StartSimulationInput; adminId: string; defaultSeed: number; executor: "inngest" | "local" },
): Promise<SimulationRunRow> {
  const data = ZStartSimulationInput.parse(input);
  const seed = data.seed ?? defaultSeed;
  const batchCount = Math.ceil(data.orders / data.batchSize);
  try {
    const [row] = await db
      .insert(simulationRuns)
      .values({
        status: "running",
        executor,
        params: { ...data, seed },
        seed,
        totalShoppers: data.shoppers,
        totalOrders: data.orders,
        batchSize: data.batchSize,
        batchCount,
        batchIntervalMs: batchIntervalMs(data, batchCount),
        createdBy: adminId,
      })
      .returning();
    return row!;
  } catch (error) {
    if (isOneRunningViolation(error)) throw new DomainError("SIMULATION_RUNNING", "A simulation is already running; cancel it or wait for it to finish");
    throw error;
  }
}

/** Switches who drives a run (e.g. to the local sweep when Inngest could not be reached). */
export async function setSimulationExecutor(db: DbOrTx, { runId, executor }: { runId: string; executor: "inngest" | "local" }): Promise<void> {
  await db.update(simulationRuns).set({ executor }).where(eq(simulationRuns.id, runId));
}

/**
 * Cancels a running run: no further batch starts (a batch in progress finishes first, since it
 * holds the row). Idempotent for a cancelled run; CONFLICT (INVALID_TRANSITION) for a finished one.
 */
export async function cancelSimulationRun(db: DbOrTx, { runId }: { runId: string }): Promise<SimulationRunRow> {
  const [updated] = await db
    .update(simulationRuns)
    .set({ status: "cancelled", finishedAt: sql`now()` })
    .where(and(eq(simulationRuns.id, runId), eq(simulationRuns.status, "running")))
    .returning();
  if (updated) return updated;
  const run = await findSimulationRun(db, runId);
  if (!run) throw new DomainError("NOT_FOUND", "Simulation run not found");
  if (run.status === "cancelled") return run;
  throw new DomainError("INVALID_TRANSITION", `The run is already ${run.status}`);
}

export async function findSimulationRun(db: DbOrTx, runId: string): Promise<SimulationRunRow | undefined> {
  const [row] = await db.select().from(simulationRuns).where(eq(simulationRuns.id, runId));
  return row;
}

/**
 * Holds the run row for one batch; null when another worker holds it (SKIP LOCKED). NO KEY
 * UPDATE, so the batch's own inserts of rows referencing the run (their foreign-key checks take
 * KEY SHARE) are not blocked by the claim, while another claim or a cancel waits or skips.
 */
export async function claimSimulationRun(tx: Tx, runId: string): Promise<SimulationRunRow | null> {
  const [row] = await tx.select().from(simulationRuns).where(eq(simulationRuns.id, runId)).for("no key update", { skipLocked: true });
  return row ?? null;
}

/** Marks a run failed with the error text (inside the caller's claim). */
export async function failSimulationRun(tx: Tx, { runId, error }: { runId: string; error: string }): Promise<void> {
  await tx
    .update(simulationRuns)
    .set({ status: "failed", error: error.slice(0, 1000), finishedAt: sql`now()` })
    .where(and(eq(simulationRuns.id, runId), eq(simulationRuns.status, "running")));
}

/**
 * Records that `batch` is done: the batch's own records counted and added to the run's counters
 * (`next_batch = batch` guards the update, so a retried batch never counts twice), `next_batch`
 * advanced and the next batch scheduled — in the caller's transaction, which holds the run row.
 * Only the batch's rows are read, so recording a batch costs the same at the end of a run of a
 * million orders as at its start (the run's shoppers, at most 1,000, are counted whole).
 */
export async function recordBatchDone(tx: Tx, { run, batch }: { run: SimulationRunRow; batch: number }): Promise<SimulationRunRow> {
  const counts = await tx
    .select({
      outcome: simulationOrders.outcome,
      done: sql<number>`count(*) filter (where ${simulationOrders.stage} = 'done')::int`,
      failed: sql<number>`count(*) filter (where ${simulationOrders.stage} = 'failed')::int`,
    })
    .from(simulationOrders)
    .where(and(eq(simulationOrders.runId, run.id), gte(simulationOrders.idx, batch * run.batchSize), lt(simulationOrders.idx, (batch + 1) * run.batchSize)))
    .groupBy(simulationOrders.outcome);
  const [shoppers] = await tx.select({ n: sql<number>`count(*)::int` }).from(simulationShoppers).where(eq(simulationShoppers.runId, run.id));
  const outcomeCounts: Partial<Record<SimulationOutcome, number>> = { ...(run.outcomeCounts as Partial<Record<SimulationOutcome, number>>) };
  for (const row of counts) if (row.done > 0) outcomeCounts[row.outcome] = (outcomeCounts[row.outcome] ?? 0) + row.done;
  const next = batch + 1;
  const finished = next >= run.batchCount;
  const [updated] = await tx
    .update(simulationRuns)
    .set({
      nextBatch: next,
      nextBatchAt: sql`now() + make_interval(secs => ${run.batchIntervalMs / 1000})`,
      shoppersCreated: shoppers?.n ?? 0,
      ordersCreated: run.ordersCreated + counts.reduce((sum, r) => sum + r.done, 0),
      ordersFailed: run.ordersFailed + counts.reduce((sum, r) => sum + r.failed, 0),
      outcomeCounts,
      ...(finished ? { status: "completed" as const, finishedAt: sql`now()` } : {}),
    })
    .where(and(eq(simulationRuns.id, run.id), eq(simulationRuns.nextBatch, batch)))
    .returning();
  return updated!;
}

/**
 * Runs the local sweep should advance now: running, due, and driven locally — or driven by
 * Inngest but overdue by `stuckAfterMs` (the function is gone: the sweep takes over).
 */
export async function dueSimulationRuns(db: DbOrTx, { now, stuckAfterMs = 5 * 60_000 }: { now: Date; stuckAfterMs?: number }) {
  return db
    .select({ id: simulationRuns.id, nextBatch: simulationRuns.nextBatch })
    .from(simulationRuns)
    .where(
      and(
        eq(simulationRuns.status, "running"),
        sql`((${simulationRuns.executor} = 'local' and ${simulationRuns.nextBatchAt} <= ${now.toISOString()}::timestamptz)
          or (${simulationRuns.executor} = 'inngest' and ${simulationRuns.nextBatchAt} <= ${new Date(now.getTime() - stuckAfterMs).toISOString()}::timestamptz))`,
      ),
    )
    .orderBy(simulationRuns.createdAt)
    .limit(5);
}

/**
 * When the local sweep next has a batch to generate: the earliest next batch of a running run it
 * drives, or null. (Runs Inngest drives are looked after by the sweep's safety poll.)
 */
export async function nextSimulationBatchDueAt(db: DbOrTx): Promise<Date | null> {
  const [row] = await db
    .select({ at: min(simulationRuns.nextBatchAt) })
    .from(simulationRuns)
    .where(and(eq(simulationRuns.status, "running"), eq(simulationRuns.executor, "local")));
  return row?.at ?? null;
}

export function toSimulationRunView(row: SimulationRunRow): SimulationRunView {
  return {
    id: row.id,
    status: row.status,
    executor: row.executor,
    seed: row.seed,
    totalShoppers: row.totalShoppers,
    totalOrders: row.totalOrders,
    shoppersCreated: row.shoppersCreated,
    ordersCreated: row.ordersCreated,
    ordersFailed: row.ordersFailed,
    batchCount: row.batchCount,
    nextBatch: row.nextBatch,
    percent: row.batchCount === 0 ? 100 : Math.floor((row.nextBatch * 100) / row.batchCount),
    outcomeCounts: row.outcomeCounts as Record<string, number>,
    mix: row.params.mix,
    carriers: row.params.carriers,
    pacing: row.params.pacing,
    error: row.error,
    createdAt: row.createdAt,
    finishedAt: row.finishedAt,
  };
}

/** Run history, newest first. */
export async function listSimulationRuns(db: DbOrTx, rawInput: { page?: number; pageSize?: number }) {
  const input = ZListSimulationRunsInput.parse(rawInput);
  const rows = await db
    .select({ run: simulationRuns, total: sql<number>`count(*) over ()::int` })
    .from(simulationRuns)
    .orderBy(desc(simulationRuns.createdAt))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  return { items: rows.map((r) => toSimulationRunView(r.run)), total: rows[0]?.total ?? 0, page: input.page, pageSize: input.pageSize };
}

export async function getSimulationRun(db: DbOrTx, runId: string): Promise<SimulationRunView> {
  const run = await findSimulationRun(db, runId);
  if (!run) throw new DomainError("NOT_FOUND", "Simulation run not found");
  return toSimulationRunView(run);
}

// ---------- per-entity records (so a retried batch resumes instead of creating again) ----------

// The generator's statements for each order and shopper are built once (prepared.ts): a run of a
// million sends each of them a million times.

export async function findSimulationShopper(db: DbOrTx, { runId, idx }: { runId: string; idx: number }) {
  const [row] = await prepared(db, "simulation-shopper", (d) =>
    d
      .select()
      .from(simulationShoppers)
      .where(and(eq(simulationShoppers.runId, sql.placeholder("runId")), eq(simulationShoppers.idx, sql.placeholder("idx"))))
      .prepare("simulation_shopper"),
  ).execute({ runId, idx });
  return row;
}

/** The run's shoppers among `idxs` that are signed up already: index → user id, in one read. */
export async function findSimulationShoppers(db: DbOrTx, { runId, idxs }: { runId: string; idxs: number[] }): Promise<Map<number, string>> {
  if (idxs.length === 0) return new Map();
  const rows = await prepared(db, "simulation-shoppers", (d) =>
    d
      .select({ idx: simulationShoppers.idx, userId: simulationShoppers.userId })
      .from(simulationShoppers)
      .where(and(eq(simulationShoppers.runId, sql.placeholder("runId")), sql`${simulationShoppers.idx} = any(${sql.placeholder("idxs")}::int[])`))
      .prepare("simulation_shoppers"),
  ).execute({ runId, idxs: `{${idxs.join(",")}}` });
  return new Map(rows.map((r) => [r.idx, r.userId]));
}

export async function recordSimulationShopper(tx: DbOrTx, row: { runId: string; idx: number; userId: string }): Promise<void> {
  await tx.insert(simulationShoppers).values(row);
}

/** The order record for (run, index), created as `planned` when new; `fresh` tells whether it was. */
export async function planSimulationOrder(
  db: DbOrTx,
  row: { runId: string; idx: number; shopperIdx: number; outcome: SimulationOutcome },
): Promise<{ record: SimulationOrderRow; fresh: boolean }> {
  const [inserted] = await prepared(db, "plan-simulation-order", (d) =>
    d
      .insert(simulationOrders)
      .values({ runId: sql.placeholder("runId"), idx: sql.placeholder("idx"), shopperIdx: sql.placeholder("shopperIdx"), outcome: sql.placeholder("outcome") })
      .onConflictDoNothing()
      .returning()
      .prepare("plan_simulation_order"),
  ).execute(row);
  if (inserted) return { record: inserted, fresh: true };
  const [existing] = await db.select().from(simulationOrders).where(and(eq(simulationOrders.runId, row.runId), eq(simulationOrders.idx, row.idx)));
  return { record: existing!, fresh: false };
}

/**
 * The order records of a whole batch, created as `planned` where new, in one insert (and a read
 * of those a retried batch planned before): index → record, and whether it is new. They commit
 * before any of the batch's orders is placed, so a batch cut short finds them, and a record that
 * is not new makes its order look for one placed by the attempt cut short (findUnrecordedOrder).
 */
export async function planSimulationOrders(
  db: DbOrTx,
  { runId, plans }: { runId: string; plans: { idx: number; shopperIdx: number; outcome: SimulationOutcome }[] },
): Promise<Map<number, { record: SimulationOrderRow; fresh: boolean }>> {
  const planned = new Map<number, { record: SimulationOrderRow; fresh: boolean }>();
  if (plans.length === 0) return planned;
  const inserted = await db
    .insert(simulationOrders)
    .values(plans.map((plan) => ({ runId, ...plan })))
    .onConflictDoNothing()
    .returning();
  for (const record of inserted) planned.set(record.idx, { record, fresh: true });
  const before = plans.filter((plan) => !planned.has(plan.idx)).map((plan) => plan.idx);
  if (before.length > 0) {
    const existing = await db
      .select()
      .from(simulationOrders)
      .where(and(eq(simulationOrders.runId, runId), inArray(simulationOrders.idx, before)));
    for (const record of existing) planned.set(record.idx, { record, fresh: false });
  }
  return planned;
}

/** How far an order of a run got: its order (once checked out) and its final stage, with the refusal that failed it. */
export type SimulationOrderResult = { idx: number; orderId: string | null; stage: "done" | "failed"; error: string | null };

/**
 * Records the results of a batch's orders in one statement, in the transaction that records the
 * batch (recordBatchDone counts them there). An order's number is kept when the result has none.
 */
export async function recordSimulationOrders(tx: Tx, { runId, results }: { runId: string; results: SimulationOrderResult[] }): Promise<void> {
  if (results.length === 0) return;
  // The results go as one JSON parameter: one statement text for every batch size.
  await tx.execute(sql`
    update simulation_orders so
    set order_id = coalesce(result."orderId", so.order_id), stage = result.stage, error = result.error, updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(results)}::jsonb) as result(idx int, "orderId" uuid, stage text, error text)
    where so.run_id = ${runId}::uuid and so.idx = result.idx`);
}

/**
 * Which of `orderIds` the run already recorded (to recognise an unrecorded one). Asks about those
 * ids only: a resumed order of a run of a million costs what it costs in a run of ten.
 */
export async function recordedSimulationOrderIds(db: DbOrTx, runId: string, orderIds: string[]): Promise<Set<string>> {
  if (orderIds.length === 0) return new Set();
  const rows = await db
    .select({ orderId: simulationOrders.orderId })
    .from(simulationOrders)
    .where(and(eq(simulationOrders.runId, runId), inArray(simulationOrders.orderId, orderIds)));
  return new Set(rows.map((r) => r.orderId).filter((id): id is string => id !== null));
}
