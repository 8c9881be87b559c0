import type { Database } from "@/server/db/client";
import { addIdleRuns } from "@/server/domain/lifecycle/task-runs.service";
import { logger } from "@/server/observability/logger";

/**
 * Quick scheduled runs that found nothing to do, counted in memory and written to
 * task_idle_runs at most once a minute per task (and when the hour changes, and when the
 * scheduler stops). A sweep that finds nothing then costs its own "anything due?" statement
 * and nothing more: no task_runs row written and deleted per run. The Tasks page's idle counts
 * lag by up to a minute; a run that did something, failed, or is slow is recorded as before.
 */
const FLUSH_EVERY_MS = 60_000;

type Pending = { hour: number; runs: number; lastStartedAt: Date };
const pending = new Map<string, Pending>();
/** Per task, the sweep clock (`now`) of the last write: the policy follows the clock the sweeps run on. */
const lastFlush = new Map<string, number>();

const hourOf = (at: Date) => Math.floor(at.getTime() / 3_600_000) * 3_600_000;

async function flushTask(db: Database, taskId: string): Promise<void> {
  const counted = pending.get(taskId);
  if (!counted) return;
  pending.delete(taskId);
  try {
    await addIdleRuns(db, { taskId, hour: new Date(counted.hour), runs: counted.runs, lastStartedAt: counted.lastStartedAt });
  } catch (error) {
    // Kept for the next write (added to what comes meanwhile).
    const meanwhile = pending.get(taskId);
    if (!meanwhile) pending.set(taskId, counted);
    else if (meanwhile.hour === counted.hour) meanwhile.runs += counted.runs;
    logger.warn({ err: error, task: taskId }, "idle run counts not written; kept for the next write");
  }
}

/** Counts one idle run of `taskId` that started at `startedAt` (real time) on sweep clock `now`. */
export async function countIdleRun(db: Database, { taskId, startedAt, now }: { taskId: string; startedAt: Date; now: Date }): Promise<void> {
  const hour = hourOf(startedAt);
  const current = pending.get(taskId);
  if (current && current.hour !== hour) await flushTask(db, taskId);
  const entry = pending.get(taskId) ?? { hour, runs: 0, lastStartedAt: startedAt };
  entry.runs += 1;
  if (startedAt > entry.lastStartedAt) entry.lastStartedAt = startedAt;
  pending.set(taskId, entry);
  const last = lastFlush.get(taskId);
  // The first idle run of a task in this process is written at once (a new leader shows up).
  if (last === undefined || now.getTime() - last >= FLUSH_EVERY_MS || now.getTime() < last) {
    lastFlush.set(taskId, now.getTime());
    await flushTask(db, taskId);
  }
}

/** Writes every count still in memory (the scheduler stopping). */
export async function flushIdleRuns(db: () => Database): Promise<void> {
  if (pending.size === 0) return;
  const database = db();
  await Promise.all([...pending.keys()].map((taskId) => flushTask(database, taskId)));
}
