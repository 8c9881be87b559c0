/**
 * Next.js calls `register` once per server process at start. The web role (plain `next start`
 * / `next dev`) starts no background work: the scheduled sweeps and the outbox relay moved to
 * the worker role (src/worker/main.ts → startWorker in src/worker/worker.ts), where exactly
 * one worker process runs them at a time under the scheduler leadership lock.
 * What it does start: its heartbeat for Admin → Monitoring's process list (when it has a
 * database), and, when METRICS_PORT says so, its own /metrics listener for Prometheus.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { logger } = await import("@/server/observability/logger");
  if (process.env.DATABASE_URL) {
    const [{ getDb, statementDbFor }, { startProcessMonitoring }] = await Promise.all([import("@/server/db/client"), import("@/server/domain/monitoring/process-monitoring")]);
    startProcessMonitoring({ role: "web", getDb: () => statementDbFor(getDb()) });
  }
  const port = Number(process.env.METRICS_PORT);
  if (!port) return;
  const { startMetricsServer } = await import("@/server/observability/metrics-server");
  await startMetricsServer({ port, role: "web" }).catch((error: unknown) => logger.error({ err: error }, "metrics listener did not start"));
}

type RequestErrorContext = { routePath?: string; routeType?: string };
type ErroredRequest = { path: string; method: string; headers: Record<string, string | string[] | undefined> };

/**
 * Next calls this for every error it catches while rendering: one line in the process's log
 * (and so in Admin → Logs) with the digest the error page shows and the request id the gateway
 * gave the request, so an admin who reads "#<digest>" finds the request and all its lines.
 */
export async function onRequestError(error: unknown, request: ErroredRequest, context: RequestErrorContext) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logger } = await import("@/server/observability/logger");
  const header = request.headers["x-request-id"];
  const digest = (error as { digest?: unknown } | null)?.digest;
  logger.error(
    {
      err: error,
      type: "render",
      digest: typeof digest === "string" ? digest : undefined,
      requestId: Array.isArray(header) ? header[0] : header,
      method: request.method,
      route: context.routePath ? `page ${context.routePath}` : undefined,
      routeType: context.routeType,
    },
    "page failed",
  );
}
