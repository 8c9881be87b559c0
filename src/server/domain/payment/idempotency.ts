import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { beforeCommit } from "@/server/db/after-commit";
import type { DbOrTx, Tx } from "@/server/db/client";
import { prepared } from "@/server/db/prepared";
import { paymentIdempotencyKeys } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { tstz } from "./sql-time";

/** Keys are kept at least this long (the issue asks for ≥ 24 h). */
export const IDEMPOTENCY_TTL_HOURS = 48;

function stable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stable);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, stable(v)]),
    );
  }
  return value;
}

/** A hash of the request's parameters, independent of key order. */
export function requestHash(request: unknown): string {
  return createHash("sha256").update(JSON.stringify(stable(request))).digest("hex");
}

/**
 * Runs `operation` at most once per (scope, key) inside the caller's transaction.
 * - first use: runs it and stores the request hash and the response with the key;
 * - same key, same parameters: returns the stored response (`replayed: true`), running nothing;
 * - same key, other parameters: IDEMPOTENCY_KEY_REUSED (409).
 * A concurrent request with the same key waits on the key's row until the first commits. When
 * the operation fails the transaction rolls back and the key is free again. Without a key the
 * operation simply runs.
 */
export async function withIdempotencyKey<T extends Record<string, unknown>>(
  tx: Tx,
  { scope, key, request }: { scope: string; key: string | undefined; request: unknown },
  operation: () => Promise<T>,
): Promise<{ response: T; replayed: boolean }> {
  if (!key) return { response: await operation(), replayed: false };
  const hash = requestHash(request);
  // The key is claimed in one statement: a new key is inserted, an expired one is taken over
  // as if it had been forgotten (its old request and response replaced), a live one is left as
  // it is and returns nothing.
  // Built once (prepared.ts), as are the key's other statements: a keyed payment call sends them on every request.
  const [claimed] = await prepared(tx, "idempotency-claim", (d) =>
    d
      .insert(paymentIdempotencyKeys)
      .values({
        scope: sql.placeholder("scope"),
        key: sql.placeholder("key"),
        requestHash: sql.placeholder("hash"),
        response: {},
        expiresAt: sql`now() + make_interval(hours => ${IDEMPOTENCY_TTL_HOURS})`,
      })
      .onConflictDoUpdate({
        target: [paymentIdempotencyKeys.scope, paymentIdempotencyKeys.key],
        set: { requestHash: sql.placeholder("hash") as never, response: {}, createdAt: sql`now()`, expiresAt: sql`excluded.expires_at` },
        setWhere: sql`${paymentIdempotencyKeys.expiresAt} < now()`,
      })
      .returning({ key: paymentIdempotencyKeys.key })
      .prepare("idempotency_claim"),
  ).execute({ scope, key, hash });
  if (!claimed) {
    const [existing] = await prepared(tx, "idempotency-key", (d) =>
      d
        .select()
        .from(paymentIdempotencyKeys)
        .where(and(eq(paymentIdempotencyKeys.scope, sql.placeholder("scope")), eq(paymentIdempotencyKeys.key, sql.placeholder("key"))))
        .prepare("idempotency_key"),
    ).execute({ scope, key });
    if (!existing) throw new DomainError("CONCURRENT_UPDATE", "The request is being processed; try again");
    if (existing.requestHash !== hash) {
      throw new DomainError("IDEMPOTENCY_KEY_REUSED", "This idempotency key was already used with different parameters", {
        idempotencyKey: ["Already used with different parameters"],
      });
    }
    return { response: existing.response as T, replayed: true };
  }
  const response = await operation();
  await storeResponse(tx, { scope, key }, response);
  return { response, replayed: false };
}

/**
 * A read-only look at a key: its stored response when this exact request was already made
 * (same hash), IDEMPOTENCY_KEY_REUSED for other parameters, null for an unknown or expired key.
 */
export async function findIdempotentResponse<T extends Record<string, unknown>>(
  db: DbOrTx,
  { scope, key, request }: { scope: string; key: string | undefined; request: unknown },
): Promise<T | null> {
  if (!key) return null;
  const [existing] = await prepared(db, "idempotency-live-key", (d) =>
    d
      .select()
      .from(paymentIdempotencyKeys)
      .where(
        and(
          eq(paymentIdempotencyKeys.scope, sql.placeholder("scope")),
          eq(paymentIdempotencyKeys.key, sql.placeholder("key")),
          sql`${paymentIdempotencyKeys.expiresAt} >= now()`,
        ),
      )
      .prepare("idempotency_live_key"),
  ).execute({ scope, key });
  if (!existing) return null;
  if (existing.requestHash !== requestHash(request)) {
    throw new DomainError("IDEMPOTENCY_KEY_REUSED", "This idempotency key was already used with different parameters", {
      idempotencyKey: ["Already used with different parameters"],
    });
  }
  return existing.response as T;
}

/**
 * Replaces the stored response of a key whose operation finished in a later transaction (a pay
 * attempt stores "processing" before it calls the gateway, then its outcome). No key, no-op.
 */
export async function recordIdempotentResponse(tx: Tx, { scope, key }: { scope: string; key: string | undefined }, response: Record<string, unknown>): Promise<void> {
  if (!key) return;
  await storeResponse(tx, { scope, key }, response);
}

/** The responses each open transaction writes to its keys just before its commit, by scope and key. */
const responsesBeforeCommit = new WeakMap<object, Map<string, Record<string, unknown>>>();

/**
 * Writes a key's response as the transaction's last work, with its queued audit rows and events
 * (beforeCommit): one round trip fewer for every keyed payment step. The response is only read
 * by a request that finds the key, and a concurrent one waits on the key's row until the commit,
 * so it sees the same response as if it had been written at once. Written again in the same
 * transaction, the latest response is the one written. Outside a tracked transaction (a
 * savepoint), it is written at once.
 */
async function storeResponse(tx: Tx, { scope, key }: { scope: string; key: string }, response: Record<string, unknown>): Promise<void> {
  let responses = responsesBeforeCommit.get(tx);
  if (!responses) responsesBeforeCommit.set(tx, (responses = new Map()));
  const id = JSON.stringify([scope, key]);
  responses.set(id, response);
  const queued = beforeCommit(tx, `idempotency-response:${id}`, (last) => writeResponse(last, { scope, key }, responses.get(id)!));
  if (!queued) {
    responses.delete(id);
    await writeResponse(tx, { scope, key }, response);
  }
}

/** Writes a key's response (JSON, encoded by its column as the update built per call encoded it). */
async function writeResponse(tx: Tx, { scope, key }: { scope: string; key: string }, response: Record<string, unknown>): Promise<void> {
  await prepared(tx, "idempotency-response", (d) =>
    d
      .update(paymentIdempotencyKeys)
      .set({ response: sql.placeholder("response") as never })
      .where(and(eq(paymentIdempotencyKeys.scope, sql.placeholder("scope")), eq(paymentIdempotencyKeys.key, sql.placeholder("key"))))
      .prepare("idempotency_response"),
  ).execute({ scope, key, response });
}

/** Forgets keys past their retention. Idempotent. */
export async function purgeExpiredIdempotencyKeys(db: DbOrTx, now: Date): Promise<number> {
  const deleted = await db
    .delete(paymentIdempotencyKeys)
    .where(sql`${paymentIdempotencyKeys.expiresAt} < ${tstz(now)}`)
    .returning({ key: paymentIdempotencyKeys.key });
  return deleted.length;
}
