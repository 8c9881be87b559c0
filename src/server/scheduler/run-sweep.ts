import type { Database } from "@/server/db/client";
import type { TaskTrigger } from "@/server/db/schema/lifecycle";
import { recordTaskRun } from "@/server/domain/lifecycle/task-runs.service";
import { countSchedulerRun } from "@/server/observability/metrics";
import { schedulerMode } from "./mode";
import type { Sweep, SweepResult } from "./sweep";

/**
 * Runs a sweep once as a recorded task run (status, duration, result or error in task_runs).
 * A scheduled run that processed nothing is counted rather than kept (task_idle_runs); a run
 * an admin asked for is always kept, so "Run now" can always be looked at. (The returned
 * runId of a counted run names a row that no longer exists.)
 */
export async function runSweep(
  db: Database,
  sweep: Sweep,
  { trigger = "cron", now = new Date(), retryOf = null }: { trigger?: TaskTrigger; now?: Date; retryOf?: string | null } = {},
): Promise<SweepResult & { runId: string }> {
  const mode = schedulerMode();
  const run = recordTaskRun(
    db,
    { taskId: sweep.id, trigger, mode: mode === "off" ? "local" : mode, retryOf },
    async () => {
      const r = await sweep.run({ db, now });
      return { processed: r.processed, ...(r.details ?? {}) } as Record<string, unknown>;
    },
    { isIdle: (r) => trigger === "cron" && r.processed === 0 },
  );
  const { runId, result } = await countSchedulerRun(sweep.id, run);
  const { processed, ...details } = result as { processed: number } & Record<string, number>;
  return { runId, processed, details };
}
