import { Cron } from "croner";
import { getDb } from "@/server/db/client";
import { logger } from "@/server/observability/logger";
import type { Sweep } from "./sweep";

/**
 * Runs every sweep on its cron inside this process (croner: a well-kept, dependency-free cron
 * library with second-level patterns and overrun protection). Meant for ONE app process: with
 * several instances, use Inngest mode (sweeps are still safe thanks to SKIP LOCKED, just redundant).
 */
const globalForScheduler = globalThis as unknown as { __shopflowScheduler?: Cron[] };

export function startLocalScheduler(sweeps: Sweep[]): void {
  if (globalForScheduler.__shopflowScheduler) return;
  globalForScheduler.__shopflowScheduler = sweeps.map(
    (sweep) =>
      new Cron(sweep.cron, { name: sweep.id, protect: true, catch: (error) => logger.error({ err: error, sweep: sweep.id }, "sweep failed") }, async () => {
        const result = await sweep.run({ db: getDb(), now: new Date() });
        if (result.processed > 0) logger.info({ sweep: sweep.id, ...result }, "sweep processed items");
      }),
  );
  logger.info({ sweeps: sweeps.map((s) => s.id) }, "local scheduler started");
}

export function stopLocalScheduler(): void {
  for (const job of globalForScheduler.__shopflowScheduler ?? []) job.stop();
  globalForScheduler.__shopflowScheduler = undefined;
}
