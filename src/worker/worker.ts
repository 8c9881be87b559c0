import { logger } from "@/server/observability/logger";
import { startLocalScheduler, stopLocalScheduler } from "@/server/scheduler/local-scheduler";
import { schedulerMode, type SchedulerMode } from "@/server/scheduler/mode";
import { ALWAYS_LOCAL_SWEEP_IDS, SWEEPS } from "@/server/scheduler/registry";
import type { Sweep } from "@/server/scheduler/sweep";
import { startLeadership, type Leadership } from "./leadership";

/**
 * The worker role: runs the scheduled sweeps (and the outbox relay) in exactly one worker
 * process at a time. Every worker competes for the scheduler leadership (leadership.ts); the
 * leader runs the crons, the others wait and take over within `leaderRetryMs` of the leader's
 * death.
 */
export type WorkerOptions = {
  /** Default: DATABASE_URL. */
  databaseUrl?: string;
  /** Default: schedulerMode() (SCHEDULER_MODE, else automatic). */
  mode?: SchedulerMode;
  /** Default: the sweeps of the mode (sweepsForMode). */
  sweeps?: Sweep[];
  /** How often a follower tries to take the lead. Default: WORKER_LEADER_RETRY_MS, else 1.5 s. */
  leaderRetryMs?: number;
  /** Told true when this worker starts leading, false when it stops (the leader gauge). */
  onLeadershipChange?: (isLeader: boolean) => void;
};

export type Worker = {
  isLeader(): boolean;
  /** Stops competing, steps down and waits for the sweep runs under way. Idempotent. */
  stop(): Promise<void>;
};

/**
 * The sweeps a worker runs: every sweep in local mode; in Inngest mode only the ones that stay
 * local (the outbox relay, which hands new events to Inngest within seconds); none when off.
 */
export function sweepsForMode(mode: SchedulerMode): Sweep[] {
  if (mode === "local") return SWEEPS;
  if (mode === "inngest") return SWEEPS.filter((s) => ALWAYS_LOCAL_SWEEP_IDS.includes(s.id));
  return [];
}

export function startWorker(options: WorkerOptions = {}): Worker {
  const mode = options.mode ?? schedulerMode();
  const sweeps = options.sweeps ?? sweepsForMode(mode);
  if (sweeps.length === 0) {
    logger.info({ mode }, "worker has no sweeps to run in this scheduler mode");
    return { isLeader: () => false, stop: async () => {} };
  }
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set");
  const retry = options.leaderRetryMs ?? Number(process.env.WORKER_LEADER_RETRY_MS ?? NaN);

  let stopping: Promise<void> | undefined;
  const leadership: Leadership = startLeadership({
    databaseUrl,
    retryMs: Number.isFinite(retry) ? retry : undefined,
    onLeadershipChange(isLeader) {
      if (isLeader) startLocalScheduler(sweeps);
      // A leader that lost the lock stops at once; the runs under way finish (SKIP LOCKED keeps
      // them from clashing with the new leader's).
      else void stopLocalScheduler();
      options.onLeadershipChange?.(isLeader);
    },
  });
  logger.info({ mode, sweeps: sweeps.map((s) => s.id) }, "worker started; competing for the scheduler leadership");

  return {
    isLeader: () => leadership.isLeader(),
    stop() {
      stopping ??= (async () => {
        await leadership.stop();
        await stopLocalScheduler();
        logger.info("worker stopped");
      })();
      return stopping;
    },
  };
}
