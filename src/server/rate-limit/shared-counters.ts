import { logger } from "@/server/observability/logger";

/**
 * Rate-limit counters shared by every process of the app, counted in fixed windows aligned
 * to the window length (a one-minute window starts on the minute).
 *
 * Why batched: a round trip to the shared store per request cost more CPU than the request it
 * guards (one PostgreSQL upsert ≈ 1.1 ms of server CPU against a 0.5 ms budget). So `hit`
 * answers from memory — the key's last known shared count plus the hits this process has not
 * yet written — and a background flush writes every touched key's local hits in ONE statement
 * (or one Redis pipeline) every `flushIntervalMs`, reading back the new shared totals.
 *
 * The price is a bounded overshoot. A process learns of the other processes' hits only at its
 * flushes, so within one window a key can be admitted beyond its limit by at most what the
 * other processes admit between two of their flushes:
 *
 *     overshoot ≤ (processes − 1) × (hits per process per key per flush interval + round trip)
 *
 * e.g. two gateways, one client at 1,000 req/s spread over both, 200 ms flushes: ≤ ~200 extra
 * requests in its minute; at the default 1,000/min for an ordinary client (17 req/s), ≤ 4.
 * A key a process has not seen this window starts from 0 locally, which the same bound
 * covers. Never undercounted: every local hit reaches the store (a failed flush is retried).
 *
 * `consume` / `inspect` go to the store at once, in a window that starts at the key's first
 * hit (as rate-limiter-flexible counts): for rare, security-relevant counts (sign-in
 * failures, tracking lookups) where one round trip is cheap and exactness matters — a lock
 * lasts its whole window whenever it starts. Use a key either batched or immediate, never both.
 */
export type WindowCount = {
  /** Hits counted in the key's current window, this one included. */
  count: number;
  /** Milliseconds until the window ends and the count starts over. */
  resetMs: number;
};

/** `firstWrite`: this process has not yet written this key's window (a store may set its expiry then only). */
export type CounterDelta = { key: string; windowStart: number; windowMs: number; hits: number; firstWrite: boolean };
export type CounterTotal = { key: string; windowStart: number; hits: number };
/** A window that started at the key's first hit: its hits and when it ends (epoch ms). */
export type AnchoredCount = { hits: number; endsAt: number };

/** Where the shared counts live (PostgreSQL or Redis). */
export interface CounterBackend {
  /**
   * Adds each delta to its key's count in that window and returns every key's total.
   * A key whose stored window is newer than the delta's keeps its newer count (and returns it).
   */
  add(deltas: readonly CounterDelta[]): Promise<CounterTotal[]>;
  /**
   * Adds `hits` to the key's window that started at its first hit, or starts one at `now`
   * when there is none or it has ended; atomic.
   */
  consume(key: string, hits: number, windowMs: number, now: number): Promise<AnchoredCount>;
  /** The key's live window as `consume` keeps it, or null. */
  inspect(key: string, now: number): Promise<AnchoredCount | null>;
  /** Forgets the key's count. */
  remove(key: string): Promise<void>;
  /** Deletes counts whose window has ended (a no-op where the store expires them itself). */
  sweep(): Promise<void>;
  close(): Promise<void>;
}

type Entry = {
  key: string;
  windowStart: number;
  windowMs: number;
  /** The shared total the store last reported for this window (our flushed hits included). */
  shared: number;
  /** Hits sent in the flush under way, not yet acknowledged. */
  inFlight: number;
  /** Hits not yet sent. */
  pending: number;
  /** A write of this window has succeeded. */
  written: boolean;
};

export type SharedCountersOptions = {
  /** How often local hits are written (ms). Shorter: smaller overshoot, more statements. */
  flushIntervalMs?: number;
  /** How often ended windows are deleted from the store (ms). */
  sweepIntervalMs?: number;
  /** The clock (tests). */
  now?: () => number;
};

export const DEFAULT_FLUSH_INTERVAL_MS = 200;

export class SharedCounters {
  readonly flushIntervalMs: number;
  private readonly sweepIntervalMs: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry>();
  private readonly dirty = new Set<Entry>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private lastSweep: number;
  private failures = 0;
  private closed = false;

  constructor(
    private readonly backend: CounterBackend,
    options: SharedCountersOptions = {},
  ) {
    this.flushIntervalMs = options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS;
    this.sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.lastSweep = this.now();
  }

  /** Counts `cost` hits for `key` and answers from memory (shared count + local hits); batched. */
  hit(key: string, windowMs: number, cost = 1): WindowCount {
    const now = this.now();
    const entry = this.entryFor(key, windowMs, now);
    entry.pending += cost;
    this.dirty.add(entry);
    if (this.timer === undefined && !this.closed) this.schedule();
    return { count: entry.shared + entry.inFlight + entry.pending, resetMs: entry.windowStart + windowMs - now };
  }

  /** The count as this process knows it, without counting a hit (no store round trip). */
  peek(key: string, windowMs: number): WindowCount {
    const now = this.now();
    const windowStart = now - (now % windowMs);
    const entry = this.entries.get(key);
    const count = entry && entry.windowStart === windowStart ? entry.shared + entry.inFlight + entry.pending : 0;
    return { count, resetMs: windowStart + windowMs - now };
  }

  /** Counts `cost` hits for `key` in the store at once (window from the key's first hit); the shared count. */
  async consume(key: string, windowMs: number, cost = 1): Promise<WindowCount> {
    const now = this.now();
    const { hits, endsAt } = await this.backend.consume(key, cost, windowMs, now);
    return { count: hits, resetMs: Math.max(0, endsAt - now) };
  }

  /** The shared count of a `consume` key, read from the store without counting (0 when its window is over). */
  async inspect(key: string): Promise<WindowCount> {
    const now = this.now();
    const live = await this.backend.inspect(key, now);
    return live ? { count: live.hits, resetMs: Math.max(0, live.endsAt - now) } : { count: 0, resetMs: 0 };
  }

  /** Forgets a `consume` key's count (e.g. a successful sign-in clears its failures). */
  async reset(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (entry) this.dirty.delete(entry);
    this.entries.delete(key);
    await this.backend.remove(key);
  }

  /**
   * Writes every local hit to the store in one statement and refreshes those keys' shared
   * counts; deletes ended windows now and then. Flushes never overlap. A failed write keeps
   * its hits for the next flush, so nothing is lost while the store is unreachable
   * (decisions meanwhile rest on the local counts).
   */
  flush(): Promise<void> {
    this.flushing ??= this.flushOnce().finally(() => {
      this.flushing = undefined;
      // Hits that came in during the flush: one timer for them (a hit may have started it already).
      if (this.dirty.size > 0 && this.timer === undefined && !this.closed) this.schedule();
    });
    return this.flushing;
  }

  /** Writes what is left and closes the store's connection. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.flushing;
    await this.flushOnce();
    await this.backend.close();
  }

  /** Keys held in memory (tests, and to see that ended windows are dropped). */
  get size(): number {
    return this.entries.size;
  }

  private entryFor(key: string, windowMs: number, now: number): Entry {
    const windowStart = now - (now % windowMs);
    let entry = this.entries.get(key);
    if (entry === undefined || entry.windowStart !== windowStart) {
      // A new window: the old one's unsent hits no longer matter to anyone.
      if (entry) this.dirty.delete(entry);
      entry = { key, windowStart, windowMs, shared: 0, inFlight: 0, pending: 0, written: false };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.flushIntervalMs);
    // A pending flush never keeps a process alive; close() writes what is left.
    this.timer.unref();
  }

  private async flushOnce(): Promise<void> {
    const batch = [...this.dirty];
    this.dirty.clear();
    if (batch.length > 0) await this.write(batch);
    const now = this.now();
    if (now - this.lastSweep >= this.sweepIntervalMs) {
      this.lastSweep = now;
      this.dropEnded(now);
      await this.backend.sweep().catch((error: unknown) => logger.warn({ err: error }, "rate-limit sweep failed"));
    }
  }

  private async write(batch: Entry[]): Promise<void> {
    const sent = batch.map((entry) => {
      const hits = entry.pending;
      entry.inFlight += hits;
      entry.pending = 0;
      return hits;
    });
    try {
      const totals = await this.backend.add(batch.map((e, i) => ({ key: e.key, windowStart: e.windowStart, windowMs: e.windowMs, hits: sent[i]!, firstWrite: !e.written })));
      const byKey = new Map(totals.map((t) => [t.key, t]));
      batch.forEach((entry, i) => {
        entry.inFlight -= sent[i]!;
        entry.written = true;
        const total = byKey.get(entry.key);
        // A total for an older or newer window than the entry's says nothing about this window.
        if (total && total.windowStart === entry.windowStart) entry.shared = Math.max(entry.shared, total.hits);
      });
      this.failures = 0;
    } catch (error) {
      batch.forEach((entry, i) => {
        entry.inFlight -= sent[i]!;
        entry.pending += sent[i]!;
        if (this.entries.get(entry.key) === entry) this.dirty.add(entry);
      });
      // One line per run of failures, not one per flush.
      if (this.failures++ === 0) logger.warn({ err: error }, "rate-limit counters could not be written; counting locally until the store answers");
    }
  }

  /** Forgets keys whose window has ended and which have nothing left to write. */
  private dropEnded(now: number): void {
    for (const [key, entry] of this.entries) {
      if (entry.windowStart + entry.windowMs <= now && entry.pending === 0 && entry.inFlight === 0) this.entries.delete(key);
    }
  }
}
