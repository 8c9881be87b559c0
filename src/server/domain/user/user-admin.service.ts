import { and, count, desc, eq, ilike, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx, Tx } from "@/server/db/client";
import { userEvents, users } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import type { AdminUser, Role, UserListInput } from "./user.schemas";
import { ZUserListInput } from "./user.schemas";
import { forgetCachedSessions, revokeUserSessions } from "./user.service";

/** Who changes an account: an admin's id, or null for the command line. */
export type UserActor = { actorId: string | null; requestId?: string };

type UserEventType = (typeof userEvents.$inferInsert)["type"];

/** Appends one audit row; call inside the transaction of the change it records. */
export async function recordUserEvent(
  tx: DbOrTx,
  event: { userId: string; type: UserEventType; before?: Record<string, unknown>; after?: Record<string, unknown> } & UserActor,
): Promise<void> {
  await tx.insert(userEvents).values({
    userId: event.userId,
    type: event.type,
    actorUserId: event.actorId,
    before: event.before ?? {},
    after: event.after ?? {},
    requestId: event.requestId,
  });
}

const adminUserColumns = { id: users.id, email: users.email, name: users.name, role: users.role, disabledAt: users.disabledAt, createdAt: users.createdAt };

/** Escapes LIKE's wildcards so a search for "a_b" finds exactly that. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Accounts for Admin → Users: search by email or name, filter by role and status, newest first. */
export async function listUsers(db: DbOrTx, raw: UserListInput) {
  const input = ZUserListInput.parse(raw);
  const filters: (SQL | undefined)[] = [
    input.q ? or(ilike(users.email, likePattern(input.q)), ilike(users.name, likePattern(input.q))) : undefined,
    input.role ? eq(users.role, input.role) : undefined,
    input.status === "disabled" ? isNotNull(users.disabledAt) : input.status === "active" ? isNull(users.disabledAt) : undefined,
  ];
  const where = and(...filters);
  const [rows, [total]] = await Promise.all([
    db
      .select(adminUserColumns)
      .from(users)
      .where(where)
      .orderBy(desc(users.createdAt), desc(users.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { items: rows.map(toAdminUser), total: total?.n ?? 0, page: input.page, pageSize: input.pageSize };
}

function toAdminUser(row: { id: string; email: string; name: string; role: string; disabledAt: Date | null; createdAt: Date }): AdminUser {
  return { ...row, role: row.role as Role };
}

/** One account as Admin → Users shows it; USER_NOT_FOUND when there is none. */
export async function getAdminUser(db: DbOrTx, userId: string): Promise<AdminUser> {
  const [row] = await db.select(adminUserColumns).from(users).where(eq(users.id, userId));
  if (!row) throw new DomainError("USER_NOT_FOUND", "No such user");
  return toAdminUser(row);
}

/** The account's audit trail, newest first (at most 200 rows). */
export async function listUserEvents(db: DbOrTx, userId: string) {
  const actor = alias(users, "actor");
  const rows = await db
    .select({
      id: userEvents.id,
      type: userEvents.type,
      before: userEvents.before,
      after: userEvents.after,
      createdAt: userEvents.createdAt,
      actorId: actor.id,
      actorName: actor.name,
      actorEmail: actor.email,
    })
    .from(userEvents)
    .leftJoin(actor, eq(actor.id, userEvents.actorUserId))
    .where(eq(userEvents.userId, userId))
    .orderBy(desc(userEvents.createdAt), desc(userEvents.id))
    .limit(200);
  return rows.map(({ actorId, actorName, actorEmail, ...event }) => ({
    ...event,
    actor: actorId ? { id: actorId, name: actorName!, email: actorEmail! } : null,
  }));
}

/**
 * Locks the target row and every enabled admin's row (one change of admins at a time: two
 * admins demoting each other at once cannot both pass the last-admin check), then refuses a
 * change that would leave no enabled admin.
 */
async function lockForAccessChange(tx: Tx, userId: string, actorId: string | null, losesAdmin: (target: AdminUser) => boolean): Promise<AdminUser> {
  const activeAdmins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt)))
    .orderBy(users.id)
    .for("update");
  const [row] = await tx.select(adminUserColumns).from(users).where(eq(users.id, userId)).for("update");
  if (!row) throw new DomainError("USER_NOT_FOUND", "No such user");
  const target = toAdminUser(row);
  if (!losesAdmin(target)) return target;
  if (actorId === userId) {
    throw new DomainError("CANNOT_CHANGE_OWN_ACCESS", "You cannot disable or demote your own account; ask another admin");
  }
  if (activeAdmins.every((admin) => admin.id === userId)) {
    throw new DomainError("LAST_ADMIN", "This is the last enabled admin; make someone else an admin first");
  }
  return target;
}

const isActiveAdmin = (user: AdminUser) => user.role === "admin" && user.disabledAt === null;

/**
 * Makes a user a shopper or an admin, inside the caller's transaction (flows/user-access.ts
 * also drops the API key cache once it commits). Idempotent: the same role again records
 * nothing. CANNOT_CHANGE_OWN_ACCESS / LAST_ADMIN (409) guard the admins. Sessions see the new
 * role once the transaction commits.
 */
export async function changeUserRole(tx: Tx, { userId, role, ...actor }: { userId: string; role: Role } & UserActor): Promise<AdminUser> {
  const before = await lockForAccessChange(tx, userId, actor.actorId, (target) => isActiveAdmin(target) && role !== "admin");
  if (before.role === role) return before;
  const [after] = await tx.update(users).set({ role }).where(eq(users.id, userId)).returning(adminUserColumns);
  await recordUserEvent(tx, { userId, type: "role_changed", before: { role: before.role }, after: { role }, ...actor });
  forgetCachedSessions(tx);
  return toAdminUser(after!);
}

/**
 * Disables (or enables) an account inside the caller's transaction (see changeUserRole).
 * Disabling ends its sessions; its API keys are refused from then on. Enabling lets it sign in
 * again. Idempotent. CANNOT_CHANGE_OWN_ACCESS / LAST_ADMIN (409).
 */
export async function changeUserDisabled(tx: Tx, { userId, disabled, ...actor }: { userId: string; disabled: boolean } & UserActor): Promise<AdminUser> {
  const before = await lockForAccessChange(tx, userId, actor.actorId, (target) => disabled && isActiveAdmin(target));
  if ((before.disabledAt !== null) === disabled) return before;
  const [after] = await tx
    .update(users)
    .set({ disabledAt: disabled ? sql`now()` : null })
    .where(eq(users.id, userId))
    .returning(adminUserColumns);
  const sessionsEnded = disabled ? await revokeUserSessions(tx, userId) : 0;
  await recordUserEvent(tx, {
    userId,
    type: disabled ? "disabled" : "enabled",
    before: { disabled: !disabled },
    after: disabled ? { disabled, sessionsEnded } : { disabled },
    ...actor,
  });
  forgetCachedSessions(tx);
  return toAdminUser(after!);
}
