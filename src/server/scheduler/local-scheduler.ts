import { Cron } from "croner";
import { getDb } from "@/server/db/client";
import { logger } from "@/server/observability/logger";
import { flushIdleRuns } from "./idle-runs";
import { runSweep } from "./run-sweep";
import type { Sweep } from "./sweep";

/**
 * Runs every sweep on its cron inside this process (croner: a well-kept, dependency-free cron
 * library with second-level patterns and overrun protection), recording each run in task_runs.
 * The worker role starts it only while it holds the scheduler leadership (src/worker), so one
 * process in the deployment runs the sweeps; were two to run them, SKIP LOCKED would still
 * keep them from doing a row twice.
 */
let jobs: Cron[] | undefined;
/** Sweep runs in progress, so a shutdown can let them finish before the pool closes. */
const inFlight = new Set<Promise<unknown>>();

export function startLocalScheduler(sweeps: Sweep[]): void {
  if (jobs) return;
  jobs = sweeps.map(
    (sweep) =>
      new Cron(sweep.cron, { name: sweep.id, protect: true, catch: (error) => logger.error({ err: error, sweep: sweep.id }, "sweep failed") }, async () => {
        const run = runSweep(getDb(), sweep, { trigger: "cron" });
        inFlight.add(run);
        try {
          const result = await run;
          if (result.processed > 0) logger.info({ sweep: sweep.id, processed: result.processed, ...result.details }, "sweep processed items");
        } finally {
          inFlight.delete(run);
        }
      }),
  );
  logger.info({ sweeps: sweeps.map((s) => s.id) }, "local scheduler started");
}

/** Stops the crons; resolves once the sweep runs already under way have finished. */
export async function stopLocalScheduler(): Promise<void> {
  if (jobs) {
    for (const job of jobs) job.stop();
    jobs = undefined;
    logger.info("local scheduler stopped");
  }
  await Promise.allSettled([...inFlight]);
  // Idle runs counted in memory are written before the pool closes.
  await flushIdleRuns(getDb).catch((error: unknown) => logger.warn({ err: error }, "idle run counts not written at stop"));
}

/** Whether the crons are running in this process. */
export function localSchedulerRunning(): boolean {
  return jobs !== undefined;
}
