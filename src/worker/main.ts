/**
 * The worker role's process: `node --import tsx src/worker/main.ts`. Validates the environment,
 * runs the worker (scheduler leadership + sweeps) and stops cleanly on SIGTERM or SIGINT.
 */
import { EnvError, loadEnv, type Env } from "@/env";
import { closeGatewayDb } from "@/server/domain/payment/provider/registry";
import { closeProcessLogStore, logger } from "@/server/observability/logger";
import { setSchedulerLeader, watchOutbox } from "@/server/observability/metrics";
import { startMetricsServer } from "@/server/observability/metrics-server";
import { closeDb, getDb, statementDbFor } from "@/server/db/client";
import { startProcessMonitoring } from "@/server/domain/monitoring";
import { startWorker } from "./worker";

/** The validated environment, or an exit naming what is wrong. */
function workerEnv(): Env & { DATABASE_URL: string } {
  try {
    const env = loadEnv();
    if (env.DATABASE_URL) return { ...env, DATABASE_URL: env.DATABASE_URL };
    console.error("Invalid environment:\n  DATABASE_URL: required by the worker");
  } catch (error) {
    console.error(error instanceof EnvError ? error.message : error);
  }
  process.exit(1);
}

const env = workerEnv();
const worker = startWorker({ databaseUrl: env.DATABASE_URL, leaderRetryMs: env.WORKER_LEADER_RETRY_MS, onLeadershipChange: setSchedulerLeader });
setSchedulerLeader(false);
// Admin → Monitoring's process list, with whether this worker leads the scheduler. A worker
// serves no requests: its event loop is sampled every 100 ms, not 20 (a timer that costs an
// idle worker a fifth of its CPU otherwise).
const monitoring = startProcessMonitoring({
  role: "worker",
  getDb: () => statementDbFor(getDb()),
  heartbeatMs: env.MONITORING_HEARTBEAT_MS,
  isLeader: () => worker.isLeader(),
  eventLoopResolutionMs: 100,
});
// Prometheus reads this process on its own port (the gateway serves its own /metrics).
if (env.METRICS_PORT) {
  watchOutbox(getDb);
  startMetricsServer({ port: env.METRICS_PORT, role: "worker" }).catch((error: unknown) => logger.error({ err: error }, "metrics listener did not start"));
}

let exiting = false;
const shutdown = (signal: NodeJS.Signals) => {
  if (exiting) return;
  exiting = true;
  logger.info({ signal }, "worker stopping");
  // A stop that cannot finish (the database already gone) must not leave the process behind.
  setTimeout(() => process.exit(1), 10_000).unref();
  void Promise.all([worker.stop(), monitoring.stop()])
    .then(() => Promise.all([closeDb(), closeGatewayDb(), closeProcessLogStore()]))
    .then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "worker did not stop cleanly");
        process.exit(1);
      },
    );
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
