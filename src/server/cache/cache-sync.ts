import { randomUUID } from "node:crypto";
import type postgres from "postgres";
import { logger } from "@/server/observability/logger";
import { clearProcessCaches, dropProcessCache, setInvalidationListener } from "./process-cache";

/**
 * Cross-process invalidation of the process caches with PostgreSQL LISTEN/NOTIFY.
 *
 * Every process (gateway, web, worker) LISTENs on one channel. When a writer invalidates a
 * cache after its commit, this process NOTIFYs the cache's name; the others drop that cache,
 * so an admin's settings change made through one gateway reaches every process within a
 * round trip instead of at the cache's expiry. Names invalidated in the same tick go out in
 * one notification. A writer whose readers must not lag its commit (the catalog's stock) sends
 * the same notification from inside its transaction instead (invalidate-on-commit.ts):
 * PostgreSQL delivers it as the transaction commits, and the receiving side is this one.
 *
 * The caches' lifetimes (≤ 2 s) still bound the staleness when a notification is lost: a
 * process that dies between its commit and the NOTIFY, or a listener that lost its
 * connection. After a reconnect the listener drops every cache (it may have missed some),
 * and a self-addressed ping every `checkEveryMs` notices a listener that never came back and
 * starts it again.
 */
export const CACHE_SYNC_CHANNEL = "shopflow_cache_invalidation";

type Message = { sender: string; names?: string[]; ping?: number };

/** This process in the notifications: each sync skips what its own process sent. */
const PROCESS_SENDER = randomUUID();
/** Syncs running in this process (one per process pool; tests may start more). */
let running = 0;

/** Whether this process publishes its cache invalidations (a sync is running). */
export function cacheSyncRunning(): boolean {
  return running > 0;
}

/** The notification payload that tells the other processes to drop the caches `names`. */
export function invalidationNotice(names: string[]): string {
  return JSON.stringify({ sender: PROCESS_SENDER, names } satisfies Message);
}

export type CacheSync = {
  /** Settles once the first LISTEN is in place. */
  ready: Promise<void>;
  stop(): Promise<void>;
};

/** Whether getDb starts cache sync: on unless CACHE_SYNC=off, and off in unit tests unless CACHE_SYNC=on. */
export function cacheSyncWanted(env: Record<string, string | undefined> = process.env): boolean {
  if (env.CACHE_SYNC === "on") return true;
  if (env.CACHE_SYNC === "off") return false;
  return env.NODE_ENV !== "test";
}

/** Publishes this process's cache invalidations on `sql` and applies the other processes'. */
export function startCacheSync(sql: postgres.Sql, { checkEveryMs = 15_000 }: { checkEveryMs?: number } = {}): CacheSync {
  const sender = PROCESS_SENDER;
  let stopped = false;
  running++;
  let pending: Set<string> | undefined;
  let listening: { unlisten: () => Promise<void> } | undefined;
  let listened = 0;
  let pingSent = 0;
  let pongSeen = 0;

  const publish = (message: Omit<Message, "sender">) =>
    sql.notify(CACHE_SYNC_CHANNEL, JSON.stringify({ sender, ...message })).catch((error: unknown) => {
      logger.warn({ err: error }, "cache invalidation not published; other processes see the change when their cache expires");
    });

  setInvalidationListener((name) => {
    if (stopped) return;
    if (pending) return void pending.add(name);
    pending = new Set([name]);
    queueMicrotask(() => {
      const names = [...pending!];
      pending = undefined;
      void publish({ names });
    });
  });

  const onMessage = (payload: string) => {
    let message: Message;
    try {
      message = JSON.parse(payload) as Message;
    } catch {
      return;
    }
    if (message.sender === sender) {
      if (message.ping !== undefined) pongSeen = Math.max(pongSeen, message.ping);
      return;
    }
    for (const name of message.names ?? []) dropProcessCache(name);
  };

  const listen = async () => {
    listening = await sql.listen(CACHE_SYNC_CHANNEL, onMessage, () => {
      // Every LISTEN after the first follows a lost connection: what changed meanwhile is unknown.
      if (listened++ > 0) clearProcessCaches();
    });
  };

  const ready = listen().catch((error: unknown) => {
    logger.warn({ err: error }, "cache sync is not listening yet; retrying at the next check");
  });

  const check = setInterval(() => {
    if (pingSent > pongSeen) {
      logger.warn("cache sync listener lost; listening again");
      clearProcessCaches();
      void Promise.resolve(listening?.unlisten())
        .catch(() => {})
        .then(listen)
        .catch(() => {});
    }
    void publish({ ping: ++pingSent });
  }, checkEveryMs);
  check.unref();

  return {
    ready,
    async stop() {
      if (!stopped) running--;
      stopped = true;
      clearInterval(check);
      setInvalidationListener(undefined);
      await listening?.unlisten().catch(() => {});
    },
  };
}
