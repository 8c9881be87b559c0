import type { DbOrTx } from "@/server/db/client";
import { logger } from "@/server/observability/logger";
import { createProcessSampler, processIdentity, writeHeartbeat } from "./process-heartbeat";
import { requestStats, type RequestStatsRecorder } from "./request-stats";

export const DEFAULT_HEARTBEAT_MS = 5_000;
export const DEFAULT_REQUEST_STATS_FLUSH_MS = 10_000;

export type ProcessMonitoringOptions = {
  role: "gateway" | "web" | "worker";
  /** Where beats and statistics go; called at every write (the statement pool suits it). */
  getDb: () => DbOrTx;
  /** Default: MONITORING_HEARTBEAT_MS, else 5 s. */
  heartbeatMs?: number;
  /** Gateways only: how often request statistics are flushed. Default: MONITORING_FLUSH_MS, else 10 s. */
  flushMs?: number;
  /** How finely the event-loop delay is sampled (createProcessSampler). Default: 20 ms. */
  eventLoopResolutionMs?: number;
  /** Workers: whether this process leads the scheduler, reported with each beat. */
  isLeader?: () => boolean;
  /** Gateways: the recorder the metrics plugin fills (default: the process's own). */
  recorder?: RequestStatsRecorder;
};

export type ProcessMonitoring = { instanceId: string; stop(): Promise<void> };

const fromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

const STOP_WAIT_MS = 1_500;

function atMost(work: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
}

/**
 * A repeating background job on an unref'd timer: never keeps the process alive, never
 * overlaps itself (the next run is scheduled when one settles), and a failure (the database
 * away) is logged once per outage, not once per try.
 */
function every(name: string, ms: number, run: () => Promise<unknown>) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let failing = false;
  let stopped = false;
  const tick = () => {
    running = run().then(
      () => {
        if (failing) logger.info({ job: name }, "monitoring writes resumed");
        failing = false;
      },
      (error: unknown) => {
        // The driver's own error, not the query wrapper's (its message repeats the statement and its values).
        const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
        if (!failing) logger.warn({ job: name, err: cause }, "monitoring write failed; retrying quietly");
        failing = true;
      },
    );
    void running.finally(() => {
      if (!stopped) schedule();
    });
  };
  const schedule = () => {
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  tick();
  return {
    /**
     * Stops the timer, waits for the run under way, then runs once more if `last` says so;
     * each wait at most STOP_WAIT_MS, so a database already gone never holds up a shutdown.
     */
    async stop(last?: () => Promise<unknown>) {
      stopped = true;
      clearTimeout(timer);
      await atMost(running, STOP_WAIT_MS);
      if (last) await atMost(last().catch(() => {}), STOP_WAIT_MS);
    },
  };
}

/**
 * Starts this process's part of Admin → Monitoring: a heartbeat row every few seconds and, for
 * a gateway, the flush of its request statistics. Nothing here is on a request path, and a
 * database outage only delays the figures. `stop` flushes what a gateway counted last.
 */
export function startProcessMonitoring(options: ProcessMonitoringOptions): ProcessMonitoring {
  const heartbeatMs = options.heartbeatMs ?? fromEnv("MONITORING_HEARTBEAT_MS", DEFAULT_HEARTBEAT_MS);
  const identity = processIdentity(options.role);
  const sampler = createProcessSampler({ resolutionMs: options.eventLoopResolutionMs });
  const heartbeat = every("heartbeat", heartbeatMs, async () =>
    writeHeartbeat(options.getDb(), { identity, sample: await sampler.sample(), intervalMs: heartbeatMs, schedulerLeader: options.isLeader ? options.isLeader() : null }),
  );
  const recorder = options.recorder ?? requestStats;
  const flush = options.role === "gateway" ? every("request-stats", options.flushMs ?? fromEnv("MONITORING_FLUSH_MS", DEFAULT_REQUEST_STATS_FLUSH_MS), () => recorder.flush(options.getDb())) : null;
  return {
    instanceId: identity.instanceId,
    async stop() {
      await Promise.all([heartbeat.stop(), flush?.stop(() => recorder.flush(options.getDb()))]);
      sampler.stop();
    },
  };
}
