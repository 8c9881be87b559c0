import { Cron } from "croner";
import { getDb, getSql } from "@/server/db/client";
import { logger } from "@/server/observability/logger";
import { flushIdleRuns } from "./idle-runs";
import { runSweep } from "./run-sweep";
import type { Sweep } from "./sweep";
import { startWokenSweeps, type WokenSweeps } from "./woken-sweeps";

/**
 * Runs every sweep on its cron inside this process (croner: a well-kept, dependency-free cron
 * library with second-level patterns and overrun protection), recording each run in task_runs.
 * The worker role starts it only while it holds the scheduler leadership (src/worker), so one
 * process in the deployment runs the sweeps; were two to run them, SKIP LOCKED would still
 * keep them from doing a row twice. A sweep over a queue that announces its rows (`wake`) runs
 * when woken instead of on its cron (woken-sweeps.ts).
 */
let jobs: Cron[] | undefined;
let woken: WokenSweeps | undefined;
/** Sweep runs in progress, so a shutdown can let them finish before the pool closes. */
const inFlight = new Set<Promise<unknown>>();

/** One scheduled run of a sweep, recorded, logged when it did something, awaited at stop. */
async function scheduledRun(sweep: Sweep) {
  const run = runSweep(getDb(), sweep, { trigger: "cron" });
  inFlight.add(run);
  try {
    const result = await run;
    if (result.processed > 0) logger.info({ sweep: sweep.id, processed: result.processed, ...result.details }, "sweep processed items");
    return result;
  } finally {
    inFlight.delete(run);
  }
}

export function startLocalScheduler(sweeps: Sweep[]): void {
  if (jobs) return;
  jobs = sweeps
    .filter((sweep) => !sweep.wake)
    .map(
      (sweep) =>
        new Cron(sweep.cron, { name: sweep.id, protect: true, catch: (error) => logger.error({ err: error, sweep: sweep.id }, "sweep failed") }, async () => {
          await scheduledRun(sweep);
        }),
    );
  const wokenSweeps = sweeps.filter((sweep) => sweep.wake);
  if (wokenSweeps.length > 0) woken = startWokenSweeps({ db: getDb, sql: getSql, sweeps: wokenSweeps, runOnce: scheduledRun });
  logger.info({ sweeps: sweeps.map((s) => s.id), woken: wokenSweeps.map((s) => s.id) }, "local scheduler started");
}

/** Stops the crons; resolves once the sweep runs already under way have finished. */
export async function stopLocalScheduler(): Promise<void> {
  const stoppingWoken = woken?.stop();
  woken = undefined;
  if (jobs) {
    for (const job of jobs) job.stop();
    jobs = undefined;
    logger.info("local scheduler stopped");
  }
  await Promise.allSettled([...inFlight, stoppingWoken]);
  // Idle runs counted in memory are written before the pool closes.
  await flushIdleRuns(getDb).catch((error: unknown) => logger.warn({ err: error }, "idle run counts not written at stop"));
}

/** Whether the crons are running in this process. */
export function localSchedulerRunning(): boolean {
  return jobs !== undefined;
}
