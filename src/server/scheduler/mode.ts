/**
 * Which scheduler runs the sweeps and durable flows:
 * - `inngest` when an Inngest server is configured (INNGEST_DEV / INNGEST_BASE_URL / signing key),
 * - `local` otherwise: an in-process cron in this (single) app process,
 * - `off` for tests and tools that drive sweeps themselves.
 * SCHEDULER_MODE overrides the automatic choice.
 */
export type SchedulerMode = "inngest" | "local" | "off";

export function schedulerMode(env: Record<string, string | undefined> = process.env): SchedulerMode {
  const wanted = env.SCHEDULER_MODE ?? "auto";
  if (wanted === "inngest" || wanted === "local" || wanted === "off") return wanted;
  if (env.NODE_ENV === "test") return "off";
  const inngestConfigured = Boolean(env.INNGEST_DEV || env.INNGEST_BASE_URL || env.INNGEST_SIGNING_KEY);
  return inngestConfigured ? "inngest" : "local";
}
