import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { idempotencyKeys } from "@/server/db/schema";

/** How long an answer is kept for replay (Stripe's window). */
export const REPLAY_WINDOW_HOURS = 24;
/** A request still "running" after this long died with its process: its key may be taken over. */
export const ABANDONED_AFTER_MINUTES = 5;

export type StoredAnswer = { status: number; headers: Record<string, string>; body: string };

export type Claim =
  | { kind: "claimed" }
  | { kind: "replay"; answer: StoredAnswer }
  | { kind: "running" }
  | { kind: "mismatch" };

/**
 * Claims `key` for this request, atomically: a fresh key (or one whose answer expired, or whose
 * request was abandoned) becomes ours; otherwise what is there decides — the finished answer to
 * replay, "still running", or "used for another request". One statement on the primary key,
 * so concurrent requests with the same key cannot both claim it.
 */
export async function claimIdempotencyKey(db: Database, { scope, key, requestHash }: { scope: string; key: string; requestHash: string }): Promise<Claim> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const claimed = await db
      .insert(idempotencyKeys)
      .values({ scope, key, requestHash })
      .onConflictDoUpdate({
        target: [idempotencyKeys.scope, idempotencyKeys.key],
        set: { requestHash, status: "running", responseStatus: null, responseHeaders: null, responseBody: null, createdAt: sql`now()`, completedAt: null },
        setWhere: sql`${idempotencyKeys.createdAt} < now() - make_interval(hours => ${REPLAY_WINDOW_HOURS})
          or (${idempotencyKeys.status} = 'running' and ${idempotencyKeys.createdAt} < now() - make_interval(mins => ${ABANDONED_AFTER_MINUTES}))`,
      })
      .returning({ scope: idempotencyKeys.scope });
    if (claimed.length > 0) return { kind: "claimed" };

    const [existing] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
    if (!existing) continue; // released between the two statements: try again
    if (existing.requestHash !== requestHash) return { kind: "mismatch" };
    if (existing.status === "running") return { kind: "running" };
    return { kind: "replay", answer: { status: existing.responseStatus!, headers: existing.responseHeaders ?? {}, body: existing.responseBody ?? "" } };
  }
  return { kind: "running" };
}

/** Keeps the first answer for replay. */
export async function storeIdempotentAnswer(db: Database, { scope, key, answer }: { scope: string; key: string; answer: StoredAnswer }): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ status: "done", responseStatus: answer.status, responseHeaders: answer.headers, responseBody: answer.body, completedAt: sql`now()` })
    .where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
}

/** Frees a key whose request failed on our side (5xx), so the caller's retry runs again. */
export async function releaseIdempotencyKey(db: Database, { scope, key }: { scope: string; key: string }): Promise<void> {
  await db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key), eq(idempotencyKeys.status, "running")));
}

/** Drops answers past the replay window (run by the worker's housekeeping, and cheap: indexed). */
export async function deleteExpiredIdempotencyKeys(db: Database): Promise<number> {
  const gone = await db
    .delete(idempotencyKeys)
    .where(sql`${idempotencyKeys.createdAt} < now() - make_interval(hours => ${REPLAY_WINDOW_HOURS})`)
    .returning({ key: idempotencyKeys.key });
  return gone.length;
}
