/**
 * Next.js calls `register` once per server process at start. The web role (plain `next start`
 * / `next dev`) starts no background work: the scheduled sweeps and the outbox relay moved to
 * the worker role (src/worker/main.ts → startWorker in src/worker/worker.ts), where exactly
 * one worker process runs them at a time under the scheduler leadership lock.
 * What it does start, when METRICS_PORT says so: its own /metrics listener for Prometheus.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const port = Number(process.env.METRICS_PORT);
  if (!port) return;
  const [{ startMetricsServer }, { logger }] = await Promise.all([import("@/server/observability/metrics-server"), import("@/server/observability/logger")]);
  await startMetricsServer({ port, role: "web" }).catch((error: unknown) => logger.error({ err: error }, "metrics listener did not start"));
}
