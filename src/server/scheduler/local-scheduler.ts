import { Cron } from "croner";
import { getDb } from "@/server/db/client";
import { logger } from "@/server/observability/logger";
import { runSweep } from "./run-sweep";
import type { Sweep } from "./sweep";

/**
 * Runs every sweep on its cron inside this process (croner: a well-kept, dependency-free cron
 * library with second-level patterns and overrun protection), recording each run in task_runs.
 * Meant for ONE app process: with several instances, use Inngest mode (sweeps are still safe
 * thanks to SKIP LOCKED, just redundant).
 */
const globalForScheduler = globalThis as unknown as { __shopflowScheduler?: Cron[] };

export function startLocalScheduler(sweeps: Sweep[]): void {
  if (globalForScheduler.__shopflowScheduler) return;
  globalForScheduler.__shopflowScheduler = sweeps.map(
    (sweep) =>
      new Cron(sweep.cron, { name: sweep.id, protect: true, catch: (error) => logger.error({ err: error, sweep: sweep.id }, "sweep failed") }, async () => {
        const result = await runSweep(getDb(), sweep, { trigger: "cron" });
        if (result.processed > 0) logger.info({ sweep: sweep.id, processed: result.processed, ...result.details }, "sweep processed items");
      }),
  );
  logger.info({ sweeps: sweeps.map((s) => s.id) }, "local scheduler started");
}

export function stopLocalScheduler(): void {
  for (const job of globalForScheduler.__shopflowScheduler ?? []) job.stop();
  globalForScheduler.__shopflowScheduler = undefined;
}
