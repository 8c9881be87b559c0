import type { Database } from "@/server/db/client";
import { FAILED_TASKS_WINDOW_MS, failedTaskRunsSince, getTaskRun, listTaskRuns, recentFailures, taskStats } from "@/server/domain/lifecycle";
import { DomainError } from "@/server/errors";
import { EVENT_FUNCTIONS, minuteCron, sweepFunctionId } from "@/server/inngest/catalog";
import { inngest } from "@/server/inngest/client";
import { schedulerMode, type SchedulerMode } from "./mode";
import { SWEEPS } from "./registry";
import { runSweep } from "./run-sweep";

export type TaskDescriptor = { id: string; kind: "cron" | "event"; trigger: string; description: string; runnable: boolean };

/**
 * Every background task in the active mode: in local mode the sweeps (six-field crons run
 * in-process; event flows do not run — their work is done by the sweeps); in Inngest mode the
 * event functions and a cron function per sweep.
 */
export function taskCatalogue(mode: SchedulerMode = schedulerMode()): TaskDescriptor[] {
  const sweeps = SWEEPS.map((s) => ({
    id: mode === "inngest" ? sweepFunctionId(s.id) : s.id,
    kind: "cron" as const,
    trigger: mode === "inngest" ? minuteCron(s.cron) : s.cron,
    description: s.description,
    runnable: true,
  }));
  if (mode !== "inngest") return sweeps;
  const events = Object.values(EVENT_FUNCTIONS).map((f) => ({
    id: f.id,
    kind: "event" as const,
    trigger: "if" in f ? `${f.event} [${f.if}]` : f.event,
    description: f.description,
    runnable: false,
  }));
  return [...events, ...sweeps];
}

/**
 * The admin overview: each task with its last run, success rate (24 h) and failures — the 20
 * most recent, or with `failuresOfLastDay` every failure of the last 24 h (up to 100) and their
 * total, the list the admin home's "failed tasks" count links to.
 */
export async function tasksOverview(db: Database, { now = new Date(), failuresOfLastDay = false }: { now?: Date; failuresOfLastDay?: boolean } = {}) {
  const mode = schedulerMode();
  const [stats, failures] = await Promise.all([
    taskStats(db, { now }),
    failuresOfLastDay ? failedTaskRunsSince(db, { since: new Date(now.getTime() - FAILED_TASKS_WINDOW_MS) }) : recentFailures(db, { limit: 20 }).then((items) => ({ items, total: null })),
  ]);
  const tasks = taskCatalogue(mode).map((task) => {
    // A sweep's runs are recorded under the sweep id locally and the function id in Inngest mode.
    const s = stats.get(task.id) ?? stats.get(task.id.replace(/^sweep-/, ""));
    return {
      ...task,
      runs: s?.runs ?? 0,
      failed: s?.failed ?? 0,
      // Over finished runs only: a run still going has neither succeeded nor failed yet.
      finished: s ? s.succeeded + s.failed : 0,
      successRate: s && s.succeeded + s.failed > 0 ? s.succeeded / (s.succeeded + s.failed) : null,
      lastStartedAt: s?.lastStartedAt ?? null,
      lastStatus: s?.lastStatus ?? null,
    };
  });
  return { mode, tasks, failures: failures.items, failuresTotal: failures.total };
}

function sweepFor(taskId: string) {
  const sweep = SWEEPS.find((s) => s.id === taskId || sweepFunctionId(s.id) === taskId);
  if (!sweep) throw new DomainError("TASK_NOT_FOUND", "No such scheduled task");
  return sweep;
}

/** "Run now" for a cron task: runs the sweep once in this process, recorded as a manual run. */
export async function runTaskNow(db: Database, { taskId }: { taskId: string }) {
  const result = await runSweep(db, sweepFor(taskId), { trigger: "manual" });
  return { runId: result.runId, processed: result.processed };
}

/**
 * "Retry" a failed run: a sweep runs again now (manual, linked to the failed run); an event
 * function's triggering event is sent to Inngest again under a new id. Failing to reach Inngest
 * is a CONFLICT, never a 500.
 */
export async function retryTaskRun(db: Database, { runId }: { runId: string }) {
  const run = await getTaskRun(db, runId);
  if (run.status !== "failed") throw new DomainError("INVALID_TRANSITION", "Only failed runs can be retried");
  const sweep = SWEEPS.find((s) => s.id === run.taskId || sweepFunctionId(s.id) === run.taskId);
  if (sweep) {
    const result = await runSweep(db, sweep, { trigger: "manual", retryOf: run.id });
    return { runId: result.runId, resent: false };
  }
  if (!run.eventName || !run.eventData) throw new DomainError("INVALID_TRANSITION", "This run has no event to replay");
  try {
    await inngest.send({ name: run.eventName, data: run.eventData });
  } catch {
    throw new DomainError("CONCURRENT_UPDATE", "The Inngest server could not be reached; try again later");
  }
  return { runId: null, resent: true };
}

export { getTaskRun, listTaskRuns };
