/**
 * Next.js calls `register` once per server process at start. In local scheduler mode this is
 * where the in-process cron starts with every sweep; in Inngest mode the Inngest server drives
 * the sweeps and flows, and only the outbox relay runs here (so new events reach Inngest within
 * seconds instead of at the next cron minute).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Background work belongs to the worker role (scripts/role.ts), not to the web role.
  if (process.env.SHOPFLOW_ROLE === "web") return;
  const { schedulerMode } = await import("@/server/scheduler/mode");
  const mode = schedulerMode();
  if (mode === "off" || process.env.NEXT_PHASE === "phase-production-build") return;
  const [{ startLocalScheduler }, { SWEEPS, ALWAYS_LOCAL_SWEEP_IDS }] = await Promise.all([import("@/server/scheduler/local-scheduler"), import("@/server/scheduler/registry")]);
  startLocalScheduler(mode === "local" ? SWEEPS : SWEEPS.filter((s) => ALWAYS_LOCAL_SWEEP_IDS.includes(s.id)));
}
