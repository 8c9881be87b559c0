import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { afterCommit } from "@/server/db/after-commit";
import type { DbOrTx } from "@/server/db/client";
import { prepared } from "@/server/db/prepared";
import { notifications, type NotificationParams } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { notificationsSent } from "@/server/observability/metrics";
import type { NotificationKind } from "./notification.kinds";
import { ZListNotificationsInput, type ListNotificationsInput, type ShopperNotification } from "./notification.schemas";

const columns = {
  id: notifications.id,
  kind: notifications.kind,
  orderId: notifications.orderId,
  params: notifications.params,
  readAt: notifications.readAt,
  createdAt: notifications.createdAt,
};

/** A notification to create: whom, about which order, what it says, and the event it comes from. */
export type NotificationInput = { userId: string; orderId: string | null; kind: NotificationKind; params: NotificationParams; sourceEventId: string };

/**
 * Creates a shopper's notification for one source event. Idempotent: the same event delivered
 * again, or by two workers at once, hits the (user, source event) unique index and changes nothing.
 */
export async function createNotification(db: DbOrTx, input: NotificationInput): Promise<{ created: boolean }> {
  // Built once: one per notifying event, mostly from the outbox relay.
  const insert = prepared(db, "create-notification", (d) =>
    d
      .insert(notifications)
      .values({
        userId: sql.placeholder("userId"),
        orderId: sql.placeholder("orderId"),
        kind: sql.placeholder("kind"),
        params: sql.placeholder("params"),
        sourceEventId: sql.placeholder("sourceEventId"),
      })
      .onConflictDoNothing({ target: [notifications.userId, notifications.sourceEventId] })
      .returning({ id: notifications.id })
      .prepare("create_notification"),
  );
  const rows = await insert.execute({ userId: input.userId, orderId: input.orderId, kind: input.kind, params: input.params, sourceEventId: input.sourceEventId });
  if (rows.length > 0) afterCommit(db, () => notificationsSent.inc({ kind: input.kind }));
  return { created: rows.length > 0 };
}

/**
 * Creates the notifications of many source events in one statement (the notifications
 * consumer's batches). Idempotent as createNotification, row by row: a notification already
 * made from its event is left as it is. Returns how many were new.
 */
export async function createNotifications(db: DbOrTx, inputs: NotificationInput[]): Promise<{ created: number }> {
  if (inputs.length === 0) return { created: 0 };
  // The rows go as one JSON parameter: one statement text for every batch size.
  const rows = await db.execute<{ kind: NotificationKind }>(sql`
    insert into notifications (user_id, order_id, kind, params, source_event_id)
    select row."userId", row."orderId", row.kind, row.params, row."sourceEventId"
    from jsonb_to_recordset(${JSON.stringify(inputs)}::jsonb) as row("userId" uuid, "orderId" uuid, kind text, params jsonb, "sourceEventId" text)
    on conflict (user_id, source_event_id) do nothing
    returning kind`);
  const kinds = rows.map((row) => row.kind);
  if (kinds.length > 0) afterCommit(db, () => kinds.forEach((kind) => notificationsSent.inc({ kind })));
  return { created: kinds.length };
}

/** A shopper's notifications, newest first. */
export async function listNotifications(db: DbOrTx, { userId, ...rawInput }: { userId: string } & ListNotificationsInput) {
  const input = ZListNotificationsInput.parse(rawInput);
  const where = input.unreadOnly ? and(eq(notifications.userId, userId), isNull(notifications.readAt)) : eq(notifications.userId, userId);
  const rows = await db
    .select({ ...columns, total: sql<number>`count(*) over ()::int` })
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && input.page > 1) {
    const [counted] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications).where(where);
    total = counted?.n ?? 0;
  }
  const items: ShopperNotification[] = rows.map(({ total: _t, ...row }) => row);
  return { items, total, page: input.page, pageSize: input.pageSize };
}

/** How many of the shopper's notifications are unread. */
export async function countUnreadNotifications(db: DbOrTx, { userId }: { userId: string }): Promise<number> {
  // Built once: the shop header asks it on every page a shopper opens.
  const query = prepared(db, "unread-notifications", (d) =>
    d
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(and(eq(notifications.userId, sql.placeholder("userId")), isNull(notifications.readAt)))
      .prepare("unread_notifications"),
  );
  const [row] = await query.execute({ userId });
  return row?.n ?? 0;
}

/** Marks one of the shopper's notifications read (idempotent); NOT_FOUND for anyone else's. */
export async function markNotificationRead(db: DbOrTx, { userId, id }: { userId: string; id: string }): Promise<ShopperNotification> {
  const [updated] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning(columns);
  if (!updated) throw new DomainError("NOT_FOUND", "Notification not found");
  return updated;
}

/** Marks every unread notification of the shopper read; returns how many changed. */
export async function markAllNotificationsRead(db: DbOrTx, { userId }: { userId: string }): Promise<{ updated: number }> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { updated: rows.length };
}

/** An order's notifications, oldest first, read through the shopper's (user, created) index. */
export async function notificationsOfOrder(db: DbOrTx, { userId, orderId }: { userId: string; orderId: string }) {
  return db
    .select({ id: notifications.id, kind: notifications.kind, params: notifications.params, sourceEventId: notifications.sourceEventId, createdAt: notifications.createdAt })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.orderId, orderId)))
    .orderBy(notifications.createdAt, notifications.id);
}
