import postgres from "postgres";

/**
 * The log store: a pino destination that copies every line, exactly as serialised for stdout
 * (so already scrubbed), into the `app_logs` table in batches. It sits beside stdout in a
 * `pino.multistream` (logger.ts), in the process that logs.
 *
 * Logging must never hold up or fail a request, so:
 * - `write` only appends to a bounded in-memory queue and returns; nothing on the request path
 *   waits for the database;
 * - a batch goes out every `flushMs` or as soon as `batchSize` lines are queued, one at a time,
 *   on a connection of the store's own (never the request pool's), with short timeouts;
 * - when the queue is full (store unreachable or slow) new lines are dropped and counted; after
 *   a failed batch the store rests for `retryMs` and its lines are dropped and counted too.
 * stdout keeps every line regardless.
 */
export type LogStoreOptions = {
  url: string;
  /** Stamped on lines that do not carry a role of their own. */
  role?: string;
  flushMs?: number;
  /**
   * Lines per insert (64 by default). Small batches go out sooner, so a busy gateway's queued
   * lines die young instead of surviving scavenges into the old generation: with 500, the store
   * cost the gateway 5–11 % more CPU per order read and PostgreSQL 4–13 % more
   * (docs/performance.md, round 15).
   */
  batchSize?: number;
  maxQueue?: number;
  retryMs?: number;
  /** Connect and statement timeout for one batch. */
  timeoutMs?: number;
};

/** The one log line that carries a secret on purpose (users' password reset links: see password.service). */
const RESET_LINK_EVENT = '"event":"password_reset_link"';
export const RESET_LINK_WITHHELD = "[withheld from the log store: read it in the process's own output]";

/**
 * What the store keeps of a line. The reset link reaches the admin through the process's output
 * (its only way out without a mail server); a table every admin can search, that backups copy,
 * must not hold a live token whose hash alone is stored elsewhere.
 */
export function storedLine(line: string): string {
  if (!line.includes(RESET_LINK_EVENT)) return line;
  try {
    return `${JSON.stringify({ ...(JSON.parse(line) as Record<string, unknown>), url: RESET_LINK_WITHHELD })}\n`;
  } catch {
    return "";
  }
}

export type LogStoreStats = { queued: number; written: number; dropped: number; failedBatches: number };

export type LogStore = {
  /** pino's destination interface: one serialised line (with its newline). Never throws, never waits. */
  write(line: string): void;
  stats(): LogStoreStats;
  /** Sends what is queued now; resolves when that batch is in (or given up). */
  flush(): Promise<void>;
  /** Flushes what is left (within `timeoutMs`) and closes the connection. */
  close(): Promise<void>;
};

/** PostgreSQL's jsonb refuses the NUL character; it is stored as U+FFFD (stdout keeps it). */
const JSON_NUL = /\\u0000/g;

export function createLogStore(options: LogStoreOptions): LogStore {
  const { url, role = null, flushMs = 1_000, batchSize = 64, maxQueue = 10_000, retryMs = 5_000, timeoutMs = 3_000 } = options;
  const sql = postgres(url, {
    max: 1,
    onnotice: () => {},
    connect_timeout: Math.max(1, Math.ceil(timeoutMs / 1000)),
    idle_timeout: 60,
    connection: { application_name: "shopflow-log-store", statement_timeout: timeoutMs },
  });
  let queue: string[] = [];
  let written = 0;
  let dropped = 0;
  let failedBatches = 0;
  let restingUntil = 0;
  let inFlight: Promise<void> | null = null;
  let soon: NodeJS.Immediate | null = null;
  let closed = false;

  const timer = setInterval(() => void flush(), flushMs);
  timer.unref();

  async function send(lines: string[]) {
    const array = `[${lines.map((line) => line.trimEnd().replace(JSON_NUL, "\\ufffd")).join(",")}]`;
    // Columns are read out of the line by PostgreSQL, guarded so that no odd field fails a batch.
    await sql`
      insert into app_logs (time, level, role, pid, msg, request_id, user_id, route, method, status, duration_ms, line)
      select
        case when jsonb_typeof(l->'time') = 'string' then (l->>'time')::timestamptz
             when jsonb_typeof(l->'time') = 'number' then to_timestamp((l->>'time')::double precision / 1000)
             else now() end,
        case when jsonb_typeof(l->'level') = 'number' then (l->>'level')::numeric::smallint else 30 end,
        coalesce(l->>'role', ${role}::text),
        ${process.pid}::int,
        left(l->>'msg', 2000),
        left(l->>'requestId', 128),
        left(l->>'userId', 128),
        left(l->>'route', 300),
        left(l->>'method', 16),
        case when jsonb_typeof(l->'status') = 'number' and (l->>'status')::numeric between 0 and 999 then (l->>'status')::numeric::smallint end,
        case when jsonb_typeof(l->'durationMs') = 'number' then (l->>'durationMs')::real end,
        l
      from jsonb_array_elements(${array}::text::jsonb) as l
      where jsonb_typeof(l) = 'object'`;
  }

  function flush(): Promise<void> {
    if (inFlight) return inFlight;
    if (queue.length === 0 || Date.now() < restingUntil) return Promise.resolve();
    const batch = queue.length <= batchSize ? queue : queue.slice(0, batchSize);
    queue = queue.length <= batchSize ? [] : queue.slice(batchSize);
    inFlight = send(batch)
      .then(
        () => {
          written += batch.length;
        },
        () => {
          dropped += batch.length;
          failedBatches += 1;
          restingUntil = Date.now() + retryMs;
        },
      )
      .finally(() => {
        inFlight = null;
        if (queue.length >= batchSize) scheduleSoon();
      });
    return inFlight;
  }

  function scheduleSoon() {
    if (soon || closed) return;
    soon = setImmediate(() => {
      soon = null;
      void flush();
    });
  }

  return {
    write(line) {
      if (closed || queue.length >= maxQueue) {
        dropped += 1;
        return;
      }
      const kept = storedLine(line);
      if (!kept) return;
      queue.push(kept);
      if (queue.length >= batchSize) scheduleSoon();
    },
    stats: () => ({ queued: queue.length, written, dropped, failedBatches }),
    flush: async () => {
      await inFlight;
      await flush();
    },
    async close() {
      if (closed) return;
      clearInterval(timer);
      const deadline = Date.now() + timeoutMs;
      restingUntil = 0;
      while (queue.length > 0 && Date.now() < deadline && restingUntil === 0) {
        await inFlight;
        await flush();
      }
      await inFlight;
      closed = true;
      dropped += queue.length;
      queue = [];
      await sql.end({ timeout: 1 }).catch(() => undefined);
    },
  };
}

/**
 * Where this process writes its logs (LOG_STORE_URL, else DATABASE_URL), or null for nowhere:
 * LOG_STORE=on|off says so; by default on when a database is configured, except in unit tests
 * (NODE_ENV=test) and during `next build`.
 */
export function logStoreUrl(environment: Record<string, string | undefined> = process.env): string | null {
  const url = environment.LOG_STORE_URL || environment.DATABASE_URL || null;
  if (!url || environment.LOG_STORE === "off") return null;
  if (environment.LOG_STORE === "on") return url;
  if (environment.NODE_ENV === "test" || environment.NEXT_PHASE === "phase-production-build") return null;
  return url;
}
