import { eq, sql } from "drizzle-orm";
import { is } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { processCache } from "@/server/cache/process-cache";
import type { DbOrTx } from "@/server/db/client";
import { prepared } from "@/server/db/prepared";
import { apiKeys, users } from "@/server/db/schema";
import type { Role } from "@/server/domain/user";
import { logger } from "@/server/observability/logger";
import type { ApiKeyScope } from "./api-key.schemas";
import { hashSecret, prefixOf, sameHash } from "./api-key.secret";

/** The user an API key acts for, as a request context needs it (a SessionUser without a sign-in session). */
export type ApiKeySessionUser = { id: string; email: string; name: string; role: Role };

/** Who is calling with an API key: the key, its owner and what the key may do. */
export type ApiKeyIdentity = { apiKeyId: string; userId: string; scope: ApiKeyScope; session: ApiKeySessionUser };

type LiveKey = { identity: ApiKeyIdentity; expiresAtMs: number | null };

/** How long a verified key is trusted without asking the database again. */
export const API_KEY_CACHE_TTL_MS = 30_000;
/** `last_used_at` is written at most this often per key. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Keys verified within the last 30 s, by the SHA-256 of the presented secret (never the secret
 * itself). Every API request authenticates; this spares the database all but one lookup per
 * key per 30 s. A revoke drops the whole cache once its transaction commits, so in the process
 * that revoked the key is refused from the next request on; other processes keep accepting it
 * for at most API_KEY_CACHE_TTL_MS. The same bound applies to a user's role change. Expiry is
 * checked against the cached expiry on every hit. Keys that were not found or not valid are
 * never cached, so garbage cannot push real keys out of this bounded (LRU) map.
 */
const liveKeys = processCache<LiveKey | null>("live-api-keys", { ttlMs: API_KEY_CACHE_TTL_MS, maxEntries: 10_000 });

/** When this process last wrote `last_used_at` for a key (bounded; losing an entry costs one write). */
const lastTouched = new Map<string, number>();
const LAST_TOUCHED_MAX = 10_000;

/** Drops every cached key; the revoke calls it after its transaction has committed. */
export function forgetCachedApiKeys(): void {
  liveKeys.invalidate();
}

async function loadKey(db: DbOrTx, prefix: string, secretHash: string, now: Date): Promise<LiveKey | null> {
  const query = prepared(db, "api-key-by-prefix", (d) =>
    d
      .select({
        id: apiKeys.id,
        secretHash: apiKeys.secretHash,
        scope: apiKeys.scope,
        expiresAt: apiKeys.expiresAt,
        revokedAt: apiKeys.revokedAt,
        userId: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        disabledAt: users.disabledAt,
      })
      .from(apiKeys)
      .innerJoin(users, eq(users.id, apiKeys.userId))
      .where(eq(apiKeys.prefix, sql.placeholder("prefix")))
      .limit(1)
      .prepare("api_key_by_prefix"),
  );
  const [row] = await query.execute({ prefix });
  if (!row || !sameHash(row.secretHash, secretHash) || row.revokedAt) return null;
  // A disabled account's keys stop with it (and work again if it is enabled, unless revoked).
  if (row.disabledAt) return null;
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return null;
  // A key acts only with the powers its owner has now: an admin key of a demoted admin is dead.
  const role = row.role as Role;
  if ((row.scope === "shopper") !== (role === "shopper")) return null;
  return {
    identity: { apiKeyId: row.id, userId: row.userId, scope: row.scope, session: { id: row.userId, email: row.email, name: row.name, role } },
    expiresAtMs: row.expiresAt?.getTime() ?? null,
  };
}

/**
 * Writes `last_used_at` when the last write is a minute old or more, and records the key's first
 * use in its audit, in one statement: concurrent first uses in several processes record it once.
 */
async function touch(db: DbOrTx, apiKeyId: string, now: Date): Promise<void> {
  const last = lastTouched.get(apiKeyId);
  if (last !== undefined && now.getTime() - last < LAST_USED_RESOLUTION_MS) return;
  if (lastTouched.size >= LAST_TOUCHED_MAX) lastTouched.delete(lastTouched.keys().next().value!);
  lastTouched.delete(apiKeyId);
  lastTouched.set(apiKeyId, now.getTime());
  const at = now.toISOString();
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS).toISOString();
  await db.execute(sql`
    with before as (select last_used_at from api_keys where id = ${apiKeyId}),
    updated as (
      update api_keys set last_used_at = ${at}::timestamptz
      where id = ${apiKeyId} and (last_used_at is null or last_used_at < ${staleBefore}::timestamptz)
      returning id
    )
    insert into api_key_events (api_key_id, type)
    select updated.id, 'first_used' from updated, before where before.last_used_at is null`);
}

/**
 * The identity behind an API key secret (`Authorization: Bearer <secret>`), or null when the
 * secret is malformed (answered without touching the database), unknown, revoked, expired, or
 * its owner no longer holds the role its scope needs. The hash is compared in constant time.
 * Cheap on the hot path: see liveKeys for the cache and its staleness bound; `last_used_at` is
 * written at most once a minute per key. `now` is the clock (tests pass their own).
 */
export async function authenticateApiKey(db: DbOrTx, secret: string, now: Date = new Date()): Promise<ApiKeyIdentity | null> {
  const prefix = prefixOf(secret);
  if (!prefix) return null;
  const secretHash = hashSecret(secret);
  // Inside a transaction the row is read as the transaction sees it, never from the cache.
  const live = is(db, PgTransaction)
    ? await loadKey(db, prefix, secretHash, now)
    : await liveKeys.get(() => loadKey(db, prefix, secretHash, now), secretHash, (found) => found !== null);
  if (!live || (live.expiresAtMs !== null && live.expiresAtMs <= now.getTime())) return null;
  try {
    await touch(db, live.identity.apiKeyId, now);
  } catch (err) {
    // Bookkeeping only: the caller is authenticated either way.
    logger.warn({ err, apiKeyId: live.identity.apiKeyId }, "api key last-used update failed");
  }
  return live.identity;
}
