import { and, eq, gt, is, isNull, ne, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { invalidateOnCommit } from "@/server/cache/invalidate-on-commit";
import { processCache } from "@/server/cache/process-cache";
import type { DbOrTx, Tx } from "@/server/db/client";
import { prepared } from "@/server/db/prepared";
import { authSessions, users } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password";
import type { Role, SessionUser, SignUpInput } from "./user.schemas";

/** How long a sign-in lasts before the shopper must sign in again. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/**
 * Creates a shopper account; EMAIL_TAKEN when the address is already registered. `passwordHash`,
 * when given, is stored instead of a hash of `input.password`: for accounts whose password no
 * one will ever type (simulated shoppers get one random secret hashed once, instead of a bcrypt
 * hash each — 60+ CPU ms apiece, a third of a simulation's worker time).
 */
export async function registerShopper(db: DbOrTx, input: SignUpInput, { passwordHash: given }: { passwordHash?: string } = {}) {
  const passwordHash = given ?? (await hashPassword(input.password));
  const [created] = await db
    .insert(users)
    .values({ email: input.email, name: input.name, passwordHash, role: "shopper" })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
  if (!created) {
    throw new DomainError("EMAIL_TAKEN", "An account with this email already exists", {
      email: ["An account with this email already exists"],
    });
  }
  return created;
}

/**
 * Returns the user when email and password match, else null (never says which one was wrong).
 * `disabled` is true for an account an admin disabled: the caller refuses it, and may say so,
 * since only someone who knows the password learns it.
 */
export async function verifyCredentials(db: DbOrTx, email: string, password: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  // Compare against a dummy hash when the user is unknown so timing does not reveal accounts.
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role as Role, disabled: user.disabledAt !== null };
}

/**
 * Locks one user's row until the transaction ends, so changes to what a user owns as a set (their
 * one default address) are applied one at a time instead of racing. FOR NO KEY UPDATE: it does
 * not block inserts that merely reference the user (foreign-key checks take KEY SHARE).
 */
export async function lockUser(tx: Tx, userId: string): Promise<void> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("no key update");
}

/** Opens a server-side session for a successful sign-in; its id goes into the JWT. */
export async function createAuthSession(db: DbOrTx, userId: string): Promise<string> {
  const [row] = await db
    .insert(authSessions)
    .values({ userId, expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000) })
    .returning({ id: authSessions.id });
  return row!.id;
}

/** Ends a session for good. Idempotent. */
export async function revokeAuthSession(db: DbOrTx, sessionId: string): Promise<void> {
  const revoke = async (tx: DbOrTx) => {
    await tx
      .update(authSessions)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(authSessions.id, sessionId), isNull(authSessions.revokedAt)));
    // Before the caller answers "signed out", no process accepts the session any more: the
    // transaction itself tells the others as it commits (a copied token used the moment after
    // sign-out, through another process, is refused).
    invalidateOnCommit(tx, liveSessions);
  };
  // In the caller's transaction when there is one; else in its own, for the notification to
  // commit with it.
  if (is(db, PgTransaction)) return revoke(db);
  await db.transaction(revoke);
}

/**
 * Ends every live session of a user but `except` (the one making the request, when it should
 * stay signed in); returns how many ended. Idempotent. Once the transaction commits, no
 * process accepts them (the session cache is dropped here and, through cache-sync, elsewhere).
 */
export async function revokeUserSessions(db: DbOrTx, userId: string, except?: string): Promise<number> {
  const ended = await db
    .update(authSessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(authSessions.userId, userId), isNull(authSessions.revokedAt), except ? ne(authSessions.id, except) : undefined))
    .returning({ id: authSessions.id });
  invalidateOnCommit(db, liveSessions);
  return ended.length;
}

/** Drops every cached session once `db`'s transaction commits: a user's role or access changed. */
export function forgetCachedSessions(db: DbOrTx): void {
  invalidateOnCommit(db, liveSessions);
}

/**
 * Drops this process's cached sessions, telling no other process: for a process that carried
 * a sign-out another process committed (the gateway passing next-auth's answer on), so that
 * its next request sees the revocation without waiting for cache-sync's notification.
 */
export function dropCachedSessionsHere(): void {
  liveSessions.invalidateHere();
}

type LiveSession = { user: SessionUser; expiresAtMs: number };

/** Sessions in this process's cache right now, expired or not (for tests). */
export function cachedSessionCount(): number {
  return liveSessions.size();
}

/**
 * Sessions found live within the last second, by id. Every signed-in request checks its
 * session, and a page load sends several requests at once; this spares the repeats a round
 * trip. Revocation drops the cache once its transaction has committed (revokeAuthSession),
 * so in this process a signed-out token is refused from the next request on; a session's
 * expiry is checked against the cached expiry on every hit. Another app process would keep
 * accepting a revoked session for at most the cache's lifetime (see docs/performance.md).
 * Sessions that were not found are never cached.
 */
const liveSessions = processCache<LiveSession | null>("live-auth-sessions", { ttlMs: 1_000, maxEntries: 10_000 });

async function loadLiveSession(db: DbOrTx, sessionId: string): Promise<LiveSession | null> {
  // Every signed-in request runs this: built once, executed with the id.
  const query = prepared(db, "find-active-session", (d) =>
    d
      .select({ id: users.id, email: users.email, name: users.name, role: users.role, expiresAt: authSessions.expiresAt })
      .from(authSessions)
      .innerJoin(users, eq(users.id, authSessions.userId))
      // A disabled account has no live session, whatever its rows say.
      .where(
        and(eq(authSessions.id, sql.placeholder("sessionId")), isNull(authSessions.revokedAt), gt(authSessions.expiresAt, sql`now()`), isNull(users.disabledAt)),
      )
      .limit(1)
      .prepare("find_active_session"),
  );
  const [row] = await query.execute({ sessionId });
  if (!row) return null;
  const { expiresAt, ...user } = row;
  return { user: { ...user, role: user.role as Role, sessionId }, expiresAtMs: expiresAt.getTime() };
}

/** The user behind a live (not revoked, not expired) session, with the role as it is now. */
export async function findActiveSession(db: DbOrTx, sessionId: string): Promise<SessionUser | null> {
  // Inside a transaction the row is read as the transaction sees it, never from the cache.
  const live = is(db, PgTransaction)
    ? await loadLiveSession(db, sessionId)
    : await liveSessions.get(() => loadLiveSession(db, sessionId), sessionId, (found) => found !== null);
  return live && live.expiresAtMs > Date.now() ? live.user : null;
}
