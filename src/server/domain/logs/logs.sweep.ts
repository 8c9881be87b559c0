import type { Sweep } from "@/server/scheduler/sweep";
import { pruneLogs } from "./logs.service";

/** Deletes log lines past the retention period, every ten minutes, in bounded batches. */
export const logRetentionSweep: Sweep = {
  id: "logs-prune",
  description: "Deletes log lines older than the retention period (Admin → Settings → Logs)",
  cron: "0 */10 * * * *",
  run: async ({ db, now }) => {
    const { deleted } = await pruneLogs(db, { now });
    return { processed: deleted };
  },
};
