import { closeDb } from "@/server/db/client";
import { startLocalScheduler, stopLocalScheduler } from "@/server/scheduler/local-scheduler";
import { schedulerMode } from "@/server/scheduler/mode";
import { ALWAYS_LOCAL_SWEEP_IDS, SWEEPS } from "@/server/scheduler/registry";

/** The worker role: the scheduler's sweeps (local mode) or only the outbox relay (Inngest mode). */
export async function startWorker(): Promise<{ stop(): Promise<void> }> {
  const mode = schedulerMode();
  if (mode !== "off") startLocalScheduler(mode === "local" ? SWEEPS : SWEEPS.filter((s) => ALWAYS_LOCAL_SWEEP_IDS.includes(s.id)));
  return {
    async stop() {
      stopLocalScheduler();
      await closeDb();
    },
  };
}
