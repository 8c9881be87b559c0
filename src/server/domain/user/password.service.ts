import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { PASSWORD_PROBLEM_ISSUES, PASSWORD_PROBLEMS, passwordProblem } from "@/lib/password-policy";
import type { DbOrTx } from "@/server/db/client";
import { passwordResetTokens, users } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import { hashPassword, verifyPassword } from "./password";
import { ZEmail, type Role } from "./user.schemas";
import { lockUser, revokeUserSessions } from "./user.service";
import { recordUserEvent, type UserActor } from "./user-admin.service";

/** How long a reset link works. */
export const RESET_LINK_TTL_MS = 60 * 60 * 1000;

/** VALIDATION_FAILED (on `field`) when the password breaks the policy, the email rule included. */
export function assertPasswordAllowed(password: string, email: string, field = "newPassword"): void {
  const problem = passwordProblem(password, email);
  if (problem) {
    throw new DomainError("VALIDATION_FAILED", PASSWORD_PROBLEMS[problem], { [field]: [PASSWORD_PROBLEMS[problem]] }, { fieldIssues: { [field]: [{ code: PASSWORD_PROBLEM_ISSUES[problem] }] } });
  }
}

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Changes the signed-in user's own password after checking the current one (WRONG_PASSWORD
 * otherwise) and the policy; ends every other session of theirs and audits the change. The
 * session that asked stays signed in. Not idempotent (the current password changes).
 */
export async function changeOwnPassword({
  db,
  userId,
  sessionId,
  currentPassword,
  newPassword,
  requestId,
}: {
  db: DbOrTx;
  userId: string;
  /** The session making the change; null for an API key, which ends every session. */
  sessionId: string | null;
  currentPassword: string;
  newPassword: string;
  requestId?: string;
}): Promise<{ otherSessionsEnded: number }> {
  const [user] = await db.select({ email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!user) throw new DomainError("USER_NOT_FOUND", "No such user");
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new DomainError("WRONG_PASSWORD", "The current password is not right", { currentPassword: ["The current password is not right"] });
  }
  assertPasswordAllowed(newPassword, user.email);
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    await lockUser(tx, userId);
    // Checked again under the lock: a concurrent change must not be overwritten silently.
    const [current] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
    if (current?.passwordHash !== user.passwordHash) throw new DomainError("CONCURRENT_UPDATE", "Your password was changed meanwhile; try again");
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    const otherSessionsEnded = await revokeUserSessions(tx, userId, sessionId ?? undefined);
    await recordUserEvent(tx, { userId, type: "password_changed", after: { otherSessionsEnded }, actorId: userId, requestId });
    return { otherSessionsEnded };
  });
}

/** The address people reach the shop at, for links written to the log. */
function publicOrigin(): string {
  return (process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}

/**
 * Makes a one-time password reset link for a user (an admin asked for it) and writes it to the
 * server log: there is no mail server, the admin hands it over. Only the token's hash is stored;
 * earlier unused links of the user stop working. Returns the token to the caller (for tests
 * and the command line), never to the browser. Not idempotent: each call makes a new link.
 */
export async function createPasswordResetLink({
  db,
  userId,
  now = new Date(),
  ttlMs = RESET_LINK_TTL_MS,
  ...actor
}: { db: DbOrTx; userId: string; now?: Date; ttlMs?: number } & UserActor): Promise<{ token: string; url: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + ttlMs);
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("no key update");
    if (!user) throw new DomainError("USER_NOT_FOUND", "No such user");
    await tx.delete(passwordResetTokens).where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
    await tx.insert(passwordResetTokens).values({ userId, tokenHash: hashToken(token), createdBy: actor.actorId, expiresAt });
    await recordUserEvent(tx, { userId, type: "password_reset_link_created", after: { expiresAt: expiresAt.toISOString() }, ...actor });
  });
  const url = `${publicOrigin()}/reset-password?token=${token}`;
  // The one place a secret is logged, on purpose: the log is how the link reaches the admin.
  logger.warn({ event: "password_reset_link", userId, expiresAt: expiresAt.toISOString(), url }, "password reset link (hand it to the user; works once)");
  return { token, url, expiresAt };
}

/**
 * Sets a new password with a reset link's token: once, before it expires (RESET_LINK_INVALID
 * otherwise, the same for unknown, used and expired links). Ends every session of the user.
 */
export async function resetPasswordWithToken({
  db,
  token,
  newPassword,
  now = new Date(),
  requestId,
}: {
  db: DbOrTx;
  token: string;
  newPassword: string;
  now?: Date;
  requestId?: string;
}): Promise<{ ok: true }> {
  const invalid = () => new DomainError("RESET_LINK_INVALID", "This link is not valid: it was used already, has expired or is wrong. Ask an admin for a new one");
  const tokenHash = hashToken(token);
  const [link] = await db
    .select({ userId: passwordResetTokens.userId, email: users.email })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)));
  if (!link) throw invalid();
  assertPasswordAllowed(newPassword, link.email);
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    // The conditional update is what makes the link single-use when two requests race.
    const [used] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)))
      .returning({ userId: passwordResetTokens.userId });
    if (!used) throw invalid();
    await tx.update(users).set({ passwordHash }).where(eq(users.id, used.userId));
    const sessionsEnded = await revokeUserSessions(tx, used.userId);
    await recordUserEvent(tx, { userId: used.userId, type: "password_reset", after: { sessionsEnded }, actorId: null, requestId });
    return { ok: true as const };
  });
}

/**
 * Creates an admin account, or makes an existing account an admin (enabled, with this
 * password, its old sessions ended): what `npm run admin:create` does. Audited with no actor
 * (the command line). VALIDATION_FAILED for a malformed email or a password the policy refuses.
 */
export async function createOrPromoteAdmin({
  db,
  email: rawEmail,
  name,
  password,
  requestId = "cli:admin-create",
}: {
  db: DbOrTx;
  email: string;
  name?: string;
  password: string;
  requestId?: string;
}): Promise<{ id: string; email: string; created: boolean }> {
  const parsed = ZEmail.safeParse(rawEmail);
  if (!parsed.success) throw new DomainError("VALIDATION_FAILED", `Not a valid email address: ${rawEmail}`, { email: ["Enter a valid email address"] }, { fieldIssues: { email: [{ code: "invalid_email" }] } });
  const email = parsed.data;
  assertPasswordAllowed(password, email, "password");
  const passwordHash = await hashPassword(password);
  const actor = { actorId: null, requestId };
  return db.transaction(async (tx) => {
    const displayName = name?.trim() || email.split("@")[0]!;
    const [created] = await tx
      .insert(users)
      .values({ email, name: displayName, passwordHash, role: "admin" })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (created) {
      await recordUserEvent(tx, { userId: created.id, type: "created", after: { role: "admin", email }, ...actor });
      return { id: created.id, email, created: true };
    }
    const [before] = await tx
      .select({ id: users.id, role: users.role, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.email, email))
      .for("update");
    const id = before!.id;
    await tx
      .update(users)
      .set({ role: "admin", disabledAt: null, passwordHash, ...(name?.trim() ? { name: name.trim() } : {}) })
      .where(eq(users.id, id));
    if (before!.role !== "admin") await recordUserEvent(tx, { userId: id, type: "role_changed", before: { role: before!.role as Role }, after: { role: "admin" }, ...actor });
    if (before!.disabledAt) await recordUserEvent(tx, { userId: id, type: "enabled", before: { disabled: true }, after: { disabled: false }, ...actor });
    const sessionsEnded = await revokeUserSessions(tx, id);
    await recordUserEvent(tx, { userId: id, type: "password_changed", after: { sessionsEnded }, ...actor });
    return { id, email, created: false };
  });
}
