import type postgres from "postgres";
import type { Database } from "@/server/db/client";
import { logger } from "@/server/observability/logger";
import type { Sweep, SweepResult, WorkQueue } from "./sweep";
import { listenForQueuedWork } from "./work-queues";

/**
 * Runs the sweeps that have a `wake` (sweep.ts) without asking their queues every few seconds:
 * - at once when started (what was queued while no one led);
 * - when their queue is notified, at most every `minGapMs` while work keeps arriving (a burst
 *   of queued rows is taken in batches, not one run per row);
 * - when the earliest queued item falls due (`nextDueAt`, asked after every run: a retry that
 *   backs off, a refund settled later);
 * - every `safetyPollMs` in any case, for a notification that was lost;
 * - every `fallbackPollMs` (their old pace) while the listener is not known to hear.
 * An idle worker then sends one statement per sweep and safety poll, plus `nextDueAt`'s, instead
 * of one per sweep every 2 s.
 */
export const WOKEN_SWEEP_MIN_GAP_MS = 250;
export const WOKEN_SWEEP_SAFETY_POLL_MS = 30_000;
export const WOKEN_SWEEP_FALLBACK_POLL_MS = 2_000;

export type WokenSweepsOptions = {
  db: () => Database;
  /** Where LISTEN runs (its listener connection is shared with the pool's other channels). */
  sql: () => postgres.Sql;
  sweeps: Sweep[];
  /** Runs a sweep once as the scheduler records it (runSweep); tests may count or observe. */
  runOnce: (sweep: Sweep) => Promise<SweepResult>;
  safetyPollMs?: number;
  fallbackPollMs?: number;
  /** How often the listener pings itself to know it still hears (work-queues.ts). */
  listenerCheckMs?: number;
  /** Told, after each run, how long until the sweep runs again unless woken (tests wait for it). */
  onScheduled?: (sweep: Sweep, delayMs: number) => void;
};

export type WokenSweeps = {
  /** Settles once the listener is in place (or has failed and the sweeps poll). */
  ready: Promise<void>;
  /** Stops the timers and the listener; resolves once the runs under way have finished. */
  stop(): Promise<void>;
};

type Runner = { wake(): void; stop(): Promise<void> };

export function startWokenSweeps(options: WokenSweepsOptions): WokenSweeps {
  const safetyPollMs = options.safetyPollMs ?? WOKEN_SWEEP_SAFETY_POLL_MS;
  const fallbackPollMs = options.fallbackPollMs ?? WOKEN_SWEEP_FALLBACK_POLL_MS;
  const runners = new Map<WorkQueue, Runner[]>();
  const all: Runner[] = [];
  const listener = listenForQueuedWork(options.sql(), {
    onQueued: (queue) => runners.get(queue)?.forEach((r) => r.wake()),
    onListen: () => all.forEach((r) => r.wake()),
    checkEveryMs: options.listenerCheckMs,
  });
  for (const sweep of options.sweeps) {
    if (!sweep.wake) continue;
    const runner = startRunner(sweep, { ...options, safetyPollMs, fallbackPollMs, listening: () => listener.listening() });
    runners.set(sweep.wake.queue, [...(runners.get(sweep.wake.queue) ?? []), runner]);
    all.push(runner);
  }
  return {
    ready: listener.ready,
    async stop() {
      await listener.stop();
      await Promise.all(all.map((r) => r.stop()));
    },
  };
}

function startRunner(
  sweep: Sweep,
  options: WokenSweepsOptions & { safetyPollMs: number; fallbackPollMs: number; listening: () => boolean },
): Runner {
  const wake = sweep.wake!;
  const minGapMs = wake.minGapMs ?? WOKEN_SWEEP_MIN_GAP_MS;
  let timer: NodeJS.Timeout | undefined;
  let timerAt = Infinity;
  let running: Promise<void> | undefined;
  let wokenWhileRunning = false;
  let lastRunAt = -Infinity;
  let stopped = false;

  /** Runs no later than `delayMs` from now (an earlier timer already set stands). */
  const runWithin = (delayMs: number) => {
    if (stopped) return;
    const at = Date.now() + Math.max(0, delayMs);
    if (at >= timerAt) return;
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(() => {
      timer = undefined;
      timerAt = Infinity;
      run();
    }, at - Date.now());
  };

  /** When to run next, after a run that processed `processed` items. */
  const nextDelay = async (processed: number): Promise<number> => {
    const pollMs = options.listening() ? options.safetyPollMs : options.fallbackPollMs;
    const now = new Date();
    let due: Date | null;
    try {
      due = await wake.nextDueAt({ db: options.db(), now });
    } catch (error) {
      logger.warn({ err: error, sweep: sweep.id }, "next due time of a woken sweep unknown; polling");
      return Math.min(pollMs, options.fallbackPollMs);
    }
    if (!due) return pollMs;
    const inMs = due.getTime() - now.getTime();
    // Due already: more than a batch was waiting (run again soon), or what is due is held
    // elsewhere (a lease of another process, a row locked): ask again at the old pace.
    if (inMs <= 0) return processed > 0 ? minGapMs : Math.min(pollMs, options.fallbackPollMs);
    return Math.min(Math.max(inMs, minGapMs), pollMs);
  };

  const run = () => {
    if (stopped) return;
    if (running) {
      wokenWhileRunning = true;
      return;
    }
    lastRunAt = Date.now();
    running = (async () => {
      let processed = 0;
      try {
        processed = (await options.runOnce(sweep)).processed;
      } catch (error) {
        logger.error({ err: error, sweep: sweep.id }, "sweep failed");
      }
      let delay = wokenWhileRunning ? minGapMs : await nextDelay(processed);
      // Woken while asking when the next item falls due: what was queued meanwhile goes first.
      if (wokenWhileRunning) delay = Math.min(delay, minGapMs);
      wokenWhileRunning = false;
      running = undefined;
      runWithin(delay);
      options.onScheduled?.(sweep, delay);
    })();
  };

  runWithin(0);
  return {
    wake() {
      if (running) wokenWhileRunning = true;
      else runWithin(Math.max(0, lastRunAt + minGapMs - Date.now()));
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
