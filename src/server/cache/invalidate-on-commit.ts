import { sql } from "drizzle-orm";
import { afterCommit, beforeCommit } from "@/server/db/after-commit";
import type { DbOrTx } from "@/server/db/client";
import { CACHE_SYNC_CHANNEL, cacheSyncRunning, invalidationNotice } from "./cache-sync";
import type { ProcessCache } from "./process-cache";

/**
 * Drops `cache` in every process once the transaction `db` belongs to commits, for data whose
 * readers must not lag the commit (the catalog's stock figures).
 *
 * The other processes are told by a NOTIFY sent inside the transaction itself: PostgreSQL
 * delivers it when, and only when, the transaction commits, to every listening process
 * (cache-sync). The plain `invalidate()` after the commit tells them with a NOTIFY of its own,
 * one more round trip later, on a pool connection that a busy process may have to wait for,
 * and never when the process stops between its commit and that statement. The statement goes
 * out with the transaction's last rows (beforeCommit), so the commit waits for no extra round
 * trip. This process drops its own copy after the commit, as before.
 *
 * Without a running cache sync (CACHE_SYNC=off, unit tests) or outside a transaction, it is
 * the plain `invalidate()` after the commit.
 */
export function invalidateOnCommit(db: DbOrTx, cache: ProcessCache<unknown>): void {
  const told =
    cacheSyncRunning() &&
    beforeCommit(db, `cache-sync:${cache.name}`, (tx) => tx.execute(sql`select pg_notify(${CACHE_SYNC_CHANNEL}, ${invalidationNotice([cache.name])})`));
  afterCommit(db, told ? () => cache.invalidateHere() : () => cache.invalidate());
}
