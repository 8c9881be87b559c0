/**
 * Next.js calls `register` once per server process at start. In local scheduler mode this is
 * where the in-process cron starts; in Inngest mode the Inngest server drives the same work.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { schedulerMode } = await import("@/server/scheduler/mode");
  if (schedulerMode() !== "local" || process.env.NEXT_PHASE === "phase-production-build") return;
  const [{ startLocalScheduler }, { SWEEPS }] = await Promise.all([import("@/server/scheduler/local-scheduler"), import("@/server/scheduler/registry")]);
  startLocalScheduler(SWEEPS);
}
