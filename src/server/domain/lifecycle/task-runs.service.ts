import { and, desc, eq, gte, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "@/server/db/client";
import { taskIdleRuns, taskRuns, type TaskErrorCode, type TaskTrigger } from "@/server/db/schema/lifecycle";
import { DOMAIN_ERROR_HTTP, DomainError, isDomainError, type DomainErrorCode } from "@/server/errors";

export type TaskRunRow = typeof taskRuns.$inferSelect;

/** The error as thrown, for developers: a DomainError keeps its code in front of its English message. */
const errorText = (error: unknown) =>
  (isDomainError(error) ? `DomainError(${error.code}): ${error.message}` : error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 4000);

const KIND_OF_HTTP: Record<(typeof DOMAIN_ERROR_HTTP)[DomainErrorCode], TaskErrorCode> = {
  BAD_REQUEST: "invalid_input",
  NOT_FOUND: "not_found",
  CONFLICT: "conflict",
  FORBIDDEN: "refused",
  UNAUTHORIZED: "refused",
  TOO_MANY_REQUESTS: "rate_limited",
};

/** What kind of failure an error is, as the Tasks page labels it. */
export function taskErrorCodeOf(error: unknown, { retrying = false } = {}): TaskErrorCode {
  if (retrying) return "will_retry";
  return isDomainError(error) ? KIND_OF_HTTP[DOMAIN_ERROR_HTTP[error.code]] : "internal";
}

/** Records that a task run started; returns its row id. */
export async function startTaskRun(
  db: DbOrTx,
  input: { taskId: string; trigger: TaskTrigger; mode: string; attempt?: number; runId?: string | null; eventName?: string | null; eventData?: Record<string, unknown> | null; retryOf?: string | null; startedAt?: Date },
): Promise<string> {
  const values = {
    taskId: input.taskId,
    trigger: input.trigger,
    mode: input.mode,
    attempt: input.attempt ?? 0,
    runId: input.runId ?? null,
    eventName: input.eventName ?? null,
    eventData: input.eventData ?? null,
    retryOf: input.retryOf ?? null,
    startedAt: input.startedAt ?? new Date(),
    status: "running" as const,
  };
  // An Inngest run is one row across its attempts: a retry updates the attempt number.
  const [row] = input.runId
    ? await db
        .insert(taskRuns)
        .values(values)
        .onConflictDoUpdate({ target: taskRuns.runId, set: { attempt: values.attempt, status: "running" } })
        .returning({ id: taskRuns.id })
    : await db.insert(taskRuns).values(values).returning({ id: taskRuns.id });
  return row!.id;
}

/** Records how a run ended (success with its result, or failure with the error text). */
export async function finishTaskRun(
  db: DbOrTx,
  where: { id: string } | { runId: string },
  outcome: { status: "succeeded"; result?: Record<string, unknown> | null; attempt?: number } | { status: "failed"; error: unknown; attempt?: number; retrying?: boolean },
): Promise<void> {
  const now = new Date();
  await db
    .update(taskRuns)
    .set({
      status: outcome.status,
      finishedAt: now,
      durationMs: sql`greatest(0, (extract(epoch from (${now.toISOString()}::timestamptz - ${taskRuns.startedAt})) * 1000)::int)`,
      ...(outcome.attempt !== undefined ? { attempt: outcome.attempt } : {}),
      ...(outcome.status === "succeeded" ? { result: outcome.result ?? null, error: null, errorCode: null }
        : { error: errorText(outcome.error), errorCode: taskErrorCodeOf(outcome.error, { retrying: outcome.retrying }) }),
    })
    .where("id" in where ? eq(taskRuns.id, where.id) : eq(taskRuns.runId, where.runId));
}

/**
 * Records that a run found nothing to do: its task_runs row becomes one more count in
 * task_idle_runs for its task and hour. One statement, so the row is counted exactly once
 * however many runs finish at the same moment (the upsert adds under the row's lock), and a
 * row already finished (or already counted) is left alone.
 */
export async function finishIdleTaskRun(db: DbOrTx, id: string): Promise<void> {
  await db.execute(sql`
    with run as (
      delete from ${taskRuns} where ${taskRuns.id} = ${id} and ${taskRuns.status} = 'running'
      returning ${taskRuns.taskId} as task_id, ${taskRuns.startedAt} as started_at
    )
    insert into ${taskIdleRuns} (task_id, hour, runs, last_started_at)
    select task_id, date_trunc('hour', started_at, 'UTC'), 1, started_at from run
    on conflict (task_id, hour) do update
      set runs = ${taskIdleRuns}.runs + 1,
          last_started_at = greatest(${taskIdleRuns}.last_started_at, excluded.last_started_at)`);
}

/**
 * Adds `runs` idle runs of a task in one UTC hour to task_idle_runs (one upsert): the local
 * scheduler counts quick idle runs in memory and writes them in batches (see
 * src/server/scheduler/idle-runs.ts), instead of a row written and deleted per run.
 */
export async function addIdleRuns(db: DbOrTx, { taskId, hour, runs, lastStartedAt }: { taskId: string; hour: Date; runs: number; lastStartedAt: Date }): Promise<void> {
  await db.execute(sql`
    insert into ${taskIdleRuns} (task_id, hour, runs, last_started_at)
    values (${taskId}, ${hour.toISOString()}::timestamptz, ${runs}, ${lastStartedAt.toISOString()}::timestamptz)
    on conflict (task_id, hour) do update
      set runs = ${taskIdleRuns}.runs + excluded.runs,
          last_started_at = greatest(${taskIdleRuns}.last_started_at, excluded.last_started_at)`);
}

/**
 * Runs `work` as a recorded task run (local scheduler, manual runs). Rethrows the error after
 * recording it. With `isIdle`, a successful run it calls idle is counted (finishIdleTaskRun)
 * instead of kept: the row exists while the run is going, so a run that hangs still shows.
 */
export async function recordTaskRun<T extends Record<string, unknown>>(
  db: Database,
  input: { taskId: string; trigger: TaskTrigger; mode: string; retryOf?: string | null },
  work: () => Promise<T>,
  { isIdle }: { isIdle?: (result: T) => boolean } = {},
): Promise<{ runId: string; result: T }> {
  const runId = await startTaskRun(db, input);
  try {
    const result = await work();
    if (isIdle?.(result)) await finishIdleTaskRun(db, runId);
    else await finishTaskRun(db, { id: runId }, { status: "succeeded", result });
    return { runId, result };
  } catch (error) {
    await finishTaskRun(db, { id: runId }, { status: "failed", error });
    throw error;
  }
}

export type TaskStats = { taskId: string; runs: number; succeeded: number; failed: number; lastStartedAt: Date | null; lastStatus: string | null };

/**
 * Per task over the last `sinceMs`: runs, successes, failures, and the last run. Idle runs
 * (task_idle_runs) count as successes; they are kept by the hour, so the window takes every
 * hour it overlaps.
 */
export async function taskStats(db: DbOrTx, { now = new Date(), sinceMs = 86_400_000 }: { now?: Date; sinceMs?: number } = {}): Promise<Map<string, TaskStats>> {
  const since = new Date(now.getTime() - sinceMs).toISOString();
  const [recorded, idle] = await Promise.all([
    db.execute(sql`
      select task_id,
             count(*)::int as runs,
             count(*) filter (where status = 'succeeded')::int as succeeded,
             count(*) filter (where status = 'failed')::int as failed,
             max(started_at) as last_started_at,
             (array_agg(status order by started_at desc))[1] as last_status
      from task_runs where started_at >= ${since}::timestamptz
      group by task_id`) as unknown as Promise<{ task_id: string; runs: number; succeeded: number; failed: number; last_started_at: Date | string | null; last_status: string | null }[]>,
    db.execute(sql`
      select task_id, sum(runs)::int as runs, max(last_started_at) as last_started_at
      from ${taskIdleRuns} where hour > ${since}::timestamptz - interval '1 hour'
      group by task_id`) as unknown as Promise<{ task_id: string; runs: number; last_started_at: Date | string }[]>,
  ]);
  const stats = new Map<string, TaskStats>(
    recorded.map((r) => [
      r.task_id,
      { taskId: r.task_id, runs: r.runs, succeeded: r.succeeded, failed: r.failed, lastStartedAt: r.last_started_at ? new Date(r.last_started_at) : null, lastStatus: r.last_status },
    ]),
  );
  for (const r of idle) {
    const s = stats.get(r.task_id) ?? { taskId: r.task_id, runs: 0, succeeded: 0, failed: 0, lastStartedAt: null, lastStatus: null };
    const lastIdle = new Date(r.last_started_at);
    const idleIsLatest = !s.lastStartedAt || lastIdle > s.lastStartedAt;
    stats.set(r.task_id, {
      ...s,
      runs: s.runs + r.runs,
      succeeded: s.succeeded + r.runs,
      lastStartedAt: idleIsLatest ? lastIdle : s.lastStartedAt,
      lastStatus: idleIsLatest ? "succeeded" : s.lastStatus,
    });
  }
  return stats;
}

/** Recent failed runs (newest first), optionally of one task. */
export async function recentFailures(db: DbOrTx, { taskId, limit = 20 }: { taskId?: string; limit?: number } = {}) {
  return db
    .select()
    .from(taskRuns)
    .where(and(eq(taskRuns.status, "failed"), taskId ? eq(taskRuns.taskId, taskId) : undefined))
    .orderBy(desc(taskRuns.startedAt))
    .limit(limit);
}

/** Recent runs of one task (newest first). */
export async function listTaskRuns(db: DbOrTx, { taskId, limit = 50 }: { taskId: string; limit?: number }) {
  return db.select().from(taskRuns).where(eq(taskRuns.taskId, taskId)).orderBy(desc(taskRuns.startedAt)).limit(limit);
}

/** One run; TASK_NOT_FOUND when it does not exist. */
export async function getTaskRun(db: DbOrTx, id: string): Promise<TaskRunRow> {
  const [row] = await db.select().from(taskRuns).where(eq(taskRuns.id, id));
  if (!row) throw new DomainError("TASK_NOT_FOUND", "Task run not found");
  return row;
}

/** Forgets successful runs, and idle-run counts, older than `olderThanMs` (failures are kept for the admin page). */
export async function pruneTaskRuns(db: DbOrTx, { now, olderThanMs = 2 * 86_400_000 }: { now: Date; olderThanMs?: number }) {
  const before = sql`${new Date(now.getTime() - olderThanMs).toISOString()}::timestamptz`;
  const deleted = await db
    .delete(taskRuns)
    .where(and(eq(taskRuns.status, "succeeded"), sql`${taskRuns.startedAt} < ${before}`))
    .returning({ id: taskRuns.id });
  const idle = await db.delete(taskIdleRuns).where(sql`${taskIdleRuns.lastStartedAt} < ${before}`).returning({ runs: taskIdleRuns.runs });
  return deleted.length + idle.reduce((sum, r) => sum + r.runs, 0);
}

/** How far back "failed tasks" reach: the admin home counts them and Admin → Tasks lists them over the same day. */
export const FAILED_TASKS_WINDOW_MS = 86_400_000;

/**
 * Failed runs that started since `since`, newest first, with their total: what the admin home
 * counts and what Admin → Tasks lists behind its link. Bounded by task_runs(status, started_at).
 */
export async function failedTaskRunsSince(db: DbOrTx, { since, limit = 100 }: { since: Date; limit?: number }) {
  const where = and(eq(taskRuns.status, "failed"), gte(taskRuns.startedAt, since));
  const [rows, [count]] = await Promise.all([
    db.select().from(taskRuns).where(where).orderBy(desc(taskRuns.startedAt)).limit(limit),
    db.select({ n: sql<number>`count(*)::int` }).from(taskRuns).where(where),
  ]);
  return { items: rows, total: count?.n ?? 0 };
}
