import type { Database } from "@/server/db/client";

/**
 * A sweep is idempotent background work that finds what is due and applies it through the
 * same domain operations as any request: deliver due gateway notifications, record due
 * tracking checkpoints, expire overdue payments... Correctness never depends on a timer
 * firing on time: a sweep run late (or twice) does the same work once.
 *
 * Sweeps claim rows with `FOR UPDATE SKIP LOCKED`, so two app instances never do the same
 * row twice. The same sweep objects are run by the in-process scheduler (no Inngest server)
 * and by Inngest cron functions (with one).
 */
export type SweepContext = { db: Database; now: Date };
export type SweepResult = { processed: number; details?: Record<string, number> };

export type Sweep = {
  /** Stable kebab-case id; also the task id shown to admins. */
  id: string;
  description: string;
  /** Six-field cron (seconds first), read by croner. For a sweep with `wake`, its safety poll. */
  cron: string;
  run: (ctx: SweepContext) => Promise<SweepResult>;
  /**
   * A sweep over a queue that says when work arrives: the local scheduler runs it when its
   * queue is notified (work-queues.ts), when the earliest queued item falls due, and on its
   * cron as a safety net (a lost notification); instead of asking the queue every few seconds.
   */
  wake?: SweepWake;
};

/** The names a queue's rows are announced under (drizzle/0026_work_queue_wakeups.sql). */
export const WORK_QUEUES = ["outbox", "gateway-refunds", "gateway-notifications", "simulation-runs"] as const;
export type WorkQueue = (typeof WORK_QUEUES)[number];

export type SweepWake = {
  queue: WorkQueue;
  /**
   * When the earliest queued item the sweep has not done falls due, or null when the queue is
   * empty: one index probe, asked after every run (a retry backed off, a refund due later).
   */
  nextDueAt: (ctx: SweepContext) => Promise<Date | null>;
  /** The least time between two runs while work keeps arriving. Default: WOKEN_SWEEP_MIN_GAP_MS. */
  minGapMs?: number;
};
