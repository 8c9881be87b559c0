import { getDb } from "@/server/db/client";
import type { Sweep } from "@/server/scheduler/sweep";
import { minuteCron, sweepFunctionId } from "../catalog";
import { inngest } from "../client";

/**
 * Inngest mode: a cron function per sweep (every minute for sweeps the local scheduler runs
 * every few seconds: Inngest crons have minute resolution). The sweep itself claims its rows,
 * so a cron run overlapping another instance's sweep does each item once.
 */
export function sweepCronFunction(sweep: Sweep) {
  return inngest.createFunction(
    { id: sweepFunctionId(sweep.id), name: sweep.description, triggers: [{ cron: minuteCron(sweep.cron) }], concurrency: { limit: 1 }, retries: 2 },
    async ({ step }) => step.run("run-sweep", async () => {
      const result = await sweep.run({ db: getDb(), now: new Date() });
      return { processed: result.processed, ...(result.details ?? {}) };
    }),
  );
}
