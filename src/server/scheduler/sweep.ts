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
  /** Six-field cron (seconds first), read by croner. */
  cron: string;
  run: (ctx: SweepContext) => Promise<SweepResult>;
};
