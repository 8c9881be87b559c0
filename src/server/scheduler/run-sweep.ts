import { randomUUID } from "node:crypto";
import type { Database } from "@/server/db/client";
import type { TaskTrigger } from "@/server/db/schema/lifecycle";
import { finishIdleTaskRun, finishTaskRun, recordTaskRun, startTaskRun } from "@/server/domain/lifecycle/task-runs.service";
import { countSchedulerRun } from "@/server/observability/metrics";
import { countIdleRun } from "./idle-runs";
import { schedulerMode } from "./mode";
import type { Sweep, SweepResult } from "./sweep";

/**
 * A scheduled run still going after this long gets its task_runs row (status running), so a
 * run that hangs shows on the Tasks page; quicker runs are recorded when they end.
 */
export const RECORD_RUNNING_AFTER_MS = 1_000;

/**
 * Runs a sweep once as a recorded task run (status, duration, result or error in task_runs).
 * A scheduled run that processed nothing is counted rather than kept (task_idle_runs, in
 * batches: see idle-runs.ts), and costs no write of its own when it was quick; a run an admin
 * asked for is always kept, so "Run now" can always be looked at. (The returned runId of a
 * counted run names no row.)
 */
export async function runSweep(
  db: Database,
  sweep: Sweep,
  { trigger = "cron", now = new Date(), retryOf = null }: { trigger?: TaskTrigger; now?: Date; retryOf?: string | null } = {},
): Promise<SweepResult & { runId: string }> {
  const mode = schedulerMode();
  const input = { taskId: sweep.id, trigger, mode: mode === "off" ? "local" : mode, retryOf };
  const work = async () => {
    const r = await sweep.run({ db, now });
    return { processed: r.processed, ...(r.details ?? {}) } as Record<string, unknown>;
  };
  const run = trigger === "cron" ? scheduledRun(db, input, work, now) : recordTaskRun(db, input, work, { isIdle: () => false });
  const { runId, result } = await countSchedulerRun(sweep.id, run);
  const { processed, ...details } = result as { processed: number } & Record<string, number>;
  return { runId, processed, details };
}

/**
 * A scheduled run: its task_runs row is written only if it does something, fails, or is still
 * going after RECORD_RUNNING_AFTER_MS; a quick run that found nothing is only counted.
 */
async function scheduledRun(
  db: Database,
  input: { taskId: string; trigger: TaskTrigger; mode: string; retryOf: string | null },
  work: () => Promise<Record<string, unknown>>,
  now: Date,
): Promise<{ runId: string; result: Record<string, unknown> }> {
  const startedAt = new Date();
  let row: Promise<string> | undefined;
  const begin = () => (row ??= startTaskRun(db, { ...input, startedAt }));
  const slow = setTimeout(() => void begin().catch(() => undefined), RECORD_RUNNING_AFTER_MS);
  let result: Record<string, unknown>;
  try {
    result = await work();
  } catch (error) {
    clearTimeout(slow);
    await finishTaskRun(db, { id: await begin() }, { status: "failed", error });
    throw error;
  }
  clearTimeout(slow);
  const idle = result.processed === 0;
  if (idle && !row) {
    await countIdleRun(db, { taskId: input.taskId, startedAt, now });
    return { runId: randomUUID(), result };
  }
  const id = await begin();
  if (idle) await finishIdleTaskRun(db, id);
  else await finishTaskRun(db, { id }, { status: "succeeded", result });
  return { runId: id, result };
}
