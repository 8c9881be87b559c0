import { and, desc, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { DbOrTx, Tx } from "@/server/db/client";
import { placeholderSet, prepared, SqlWithValues } from "@/server/db/prepared";
import { payments } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { enqueueEvent } from "@/server/events/outbox";
import { appendPaymentLog, type PaymentActor } from "./payment-log";
import { OPEN_PAYMENT_STATUSES, assertPaymentTransition, type PaymentMethod, type PaymentStatus } from "./payment.machine";
import { nextPaymentSnSql, paymentSnPrefix } from "./payment-sn";
import { tstz } from "./sql-time";
import { enqueueWebhookEvent, type WebhookEventType } from "./webhooks/webhook-events";

/**
 * Row-level operations on payments. They run inside the caller's transaction and never touch
 * another module's tables; the flows in src/server/flows compose them with the order module
 * (payment succeeded ⇒ order paid) in one transaction.
 */
export type PaymentRow = typeof payments.$inferSelect;

/** A payment processing this long without an answer is asked about by the reconciliation sweep. */
export const PROCESSING_FIRST_CHECK_MS = 60_000;
/** The longest the sweep waits between two questions about a payment still without an answer. */
export const PROCESSING_MAX_CHECK_INTERVAL_MS = 10 * 60_000;

/**
 * Puts off the sweep's next question about a payment still processing after one that brought no
 * answer (a QR code not scanned yet, a gateway that did not answer): the wait doubles with the
 * payment's age, from a minute up to PROCESSING_MAX_CHECK_INTERVAL_MS, so payments waiting for
 * their payer are asked a handful of times, not every run. A bare column write (not a change of
 * status, no updated_at: the in-flight guard reads it); a payment that left processing meanwhile
 * is left alone.
 */
export async function postponePaymentCheck(db: DbOrTx, { paymentId, now }: { paymentId: string; now: Date }): Promise<void> {
  await db.execute(sql`
    update payments
    set next_check_at = ${tstz(now)} + least(greatest(${tstz(now)} - updated_at, make_interval(secs => ${PROCESSING_FIRST_CHECK_MS / 1000})),
                                             make_interval(secs => ${PROCESSING_MAX_CHECK_INTERVAL_MS / 1000}))
    where id = ${paymentId} and status = 'processing'`);
}

/** Columns a transition may set together with the status. */
export type PaymentPatch = Partial<
  Pick<
    typeof payments.$inferInsert,
    | "method"
    | "attemptCount"
    | "currentChargeKey"
    | "providerChargeId"
    | "qrToken"
    | "failureCode"
    | "failureMessage"
    | "succeededAt"
    | "closedAt"
    | "refundedMinor"
    | "refundReservedMinor"
  >
>;

const WEBHOOK_FOR: Partial<Record<PaymentStatus, WebhookEventType>> = {
  succeeded: "payment.succeeded",
  failed: "payment.failed",
  cancelled: "payment.cancelled",
  expired: "payment.expired",
  partially_refunded: "payment.partially_refunded",
  refunded: "payment.refunded",
};

/** Locks a payment row for the rest of the transaction; PAYMENT_NOT_FOUND when it does not exist. */
export async function lockPayment(tx: Tx, paymentId: string): Promise<PaymentRow> {
  // Built once, executed on the transaction's connection (see prepared).
  const query = prepared(tx, "lock-payment", (d) => d.select().from(payments).where(eq(payments.id, sql.placeholder("paymentId"))).for("update").prepare("lock_payment"));
  const [row] = await query.execute({ paymentId });
  if (!row) throw new DomainError("PAYMENT_NOT_FOUND", "Payment not found");
  return row;
}

/**
 * Locks a payment row like lockPayment and says in the same statement whether its deadline has
 * passed by the DATABASE's clock (as isPastDeadline, without a round trip of its own).
 */
export async function lockPaymentWithDeadline(tx: Tx, paymentId: string): Promise<{ payment: PaymentRow; pastDeadline: boolean }> {
  const query = prepared(tx, "lock-payment-with-deadline", (d) =>
    d
      .select({ payment: getTableColumns(payments), pastDeadline: sql<boolean>`now() >= ${payments.expiresAt}` })
      .from(payments)
      .where(eq(payments.id, sql.placeholder("paymentId")))
      .for("update")
      .prepare("lock_payment_with_deadline"),
  );
  const [row] = await query.execute({ paymentId });
  if (!row) throw new DomainError("PAYMENT_NOT_FOUND", "Payment not found");
  return row;
}

export async function findPayment(db: DbOrTx, paymentId: string): Promise<PaymentRow | null> {
  // Every pay attempt starts with it: built once, executed with the id.
  const query = prepared(db, "payment-by-id", (d) => d.select().from(payments).where(eq(payments.id, sql.placeholder("paymentId"))).prepare("payment_by_id"));
  const [row] = await query.execute({ paymentId });
  return row ?? null;
}

/**
 * A payment's number as an SQL expression, for a statement sent in the same transaction right
 * after the payment's insert (PostgreSQL runs a transaction's statements in the order sent, so
 * it sees the row): the order's mirror column is set without waiting for the insert's answer.
 */
export function paymentSnOf(paymentId: string): SqlWithValues {
  return new SqlWithValues("paymentSnOf", sql`(select ${payments.paymentSn} from ${payments} where ${payments.id} = ${sql.placeholder("paymentSnOf_paymentId")})`, { paymentSnOf_paymentId: paymentId });
}

export async function findPaymentBySn(db: DbOrTx, paymentSn: string): Promise<PaymentRow | null> {
  // Every gateway notification reads it, in its transaction: built once (see prepared).
  const query = prepared(db, "payment-by-sn", (d) => d.select().from(payments).where(eq(payments.paymentSn, sql.placeholder("paymentSn"))).prepare("payment_by_sn"));
  const [row] = await query.execute({ paymentSn });
  return row ?? null;
}

export async function findPaymentsBySn(db: DbOrTx, paymentSns: string[]): Promise<PaymentRow[]> {
  if (paymentSns.length === 0) return [];
  return db.select().from(payments).where(inArray(payments.paymentSn, paymentSns));
}

/** The order's payment that can still be paid, if any (at most one exists). */
export async function findOpenPayment(db: DbOrTx, orderId: string, { lock = false } = {}): Promise<PaymentRow | null> {
  const query = db
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), inArray(payments.status, [...OPEN_PAYMENT_STATUSES])));
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

/** The order's payments, newest first. Built once: the order page and the cashier read it per view. */
export async function listPaymentsOfOrder(db: DbOrTx, orderId: string): Promise<PaymentRow[]> {
  const query = prepared(db, "payments-of-order", (d) =>
    d.select().from(payments).where(eq(payments.orderId, sql.placeholder("orderId"))).orderBy(desc(payments.createdAt)).prepare("payments_of_order"),
  );
  return query.execute({ orderId });
}

/** Whether the payment's deadline has passed by the DATABASE's clock (never the app's). */
export async function isPastDeadline(tx: DbOrTx, payment: Pick<PaymentRow, "expiresAt">): Promise<boolean> {
  const [row] = (await tx.execute(sql`select now() >= ${tstz(payment.expiresAt)} as past`)) as unknown as [{ past: boolean }];
  return row.past;
}

/**
 * Inserts a pending payment for an order, with its log row. The caller checked the order (and
 * holds its lock); a second open payment of the order is PAYMENT_ALREADY_OPEN, answered by the
 * partial unique index (payments_one_open_per_order) rather than a read before the insert. `id`
 * lets the caller name the row in a statement it sends along with the insert (paymentSnOf).
 */
export async function insertPayment(
  tx: Tx,
  input: { id?: string; orderId: string; userId: string; amountMinor: number; currency: string; method: PaymentMethod; expiresAt: Date; by: PaymentActor },
): Promise<PaymentRow> {
  // Built once; the payment number is drawn by the insert (nextPaymentSnSql).
  const insert = prepared(tx, "insert-payment", (d) =>
    d
      .insert(payments)
      .values({
        id: sql.placeholder("id"),
        paymentSn: nextPaymentSnSql(sql.placeholder("paymentSnPrefix")),
        orderId: sql.placeholder("orderId"),
        userId: sql.placeholder("userId"),
        amountMinor: sql.placeholder("amountMinor"),
        currency: sql.placeholder("currency"),
        method: sql.placeholder("method"),
        status: "pending",
        expiresAt: sql.placeholder("expiresAt"),
      })
      .onConflictDoNothing()
      .returning()
      .prepare("insert_payment"),
  );
  const [row] = await insert.execute({
    id: input.id ?? randomUUID(),
    paymentSnPrefix: paymentSnPrefix(new Date()),
    orderId: input.orderId,
    userId: input.userId,
    amountMinor: input.amountMinor,
    currency: input.currency,
    method: input.method,
    expiresAt: input.expiresAt,
  });
  // The partial unique index allows one open payment per order; a concurrent create lost.
  if (!row) throw new DomainError("PAYMENT_ALREADY_OPEN", "This order already has an open payment");
  await appendPaymentLog(tx, {
    kind: "created",
    by: input.by,
    paymentId: row.id,
    orderId: row.orderId,
    toStatus: "pending",
    data: { paymentSn: row.paymentSn, amountMinor: row.amountMinor, currency: row.currency, method: row.method, expiresAt: row.expiresAt.toISOString() },
  });
  await enqueueWebhookEvent(tx, { type: "payment.created", payment: row });
  await enqueueEvent(tx, "shop/payment.status-changed", { paymentId: row.id, orderId: row.orderId, userId: row.userId, method: row.method, from: null, to: "pending" });
  return row;
}

/**
 * The one place a payment's status changes: checks the move against the transition table,
 * applies it with a conditional update (`WHERE id = $1 AND status = $from`), writes the log row
 * and queues the merchant webhook, all in the caller's transaction. The caller holds the row
 * lock (lockPayment) and keeps the order's mirror columns in sync (see src/server/flows).
 */
export async function transitionPayment(
  tx: Tx,
  { payment, to, by, patch = {}, message, data }: { payment: PaymentRow; to: PaymentStatus; by: PaymentActor; patch?: PaymentPatch; message?: string; data?: Record<string, unknown> },
): Promise<PaymentRow> {
  assertPaymentTransition(payment.status, to);
  // Entering processing starts the clock of the reconciliation sweep's first question.
  const checkPatch = to === "processing" ? { nextCheckAt: new Date(Date.now() + PROCESSING_FIRST_CHECK_MS) } : {};
  const set = { ...patch, ...checkPatch, status: to, updatedAt: new Date() };
  // Built once per shape of the change (which columns, which of them null), see placeholderSet.
  const shaped = placeholderSet(set);
  const [updated] = shaped
    ? await prepared(tx, `transition-payment:${shaped.shape}`, (d) =>
        d
          .update(payments)
          .set(shaped.set)
          .where(and(eq(payments.id, sql.placeholder("paymentId")), eq(payments.status, sql.placeholder("from"))))
          .returning()
          .prepare("transition_payment"),
      ).execute({ ...shaped.values, paymentId: payment.id, from: payment.status })
    : await tx
        .update(payments)
        .set(set)
        .where(and(eq(payments.id, payment.id), eq(payments.status, payment.status)))
        .returning();
  if (!updated) throw new DomainError("CONCURRENT_UPDATE", "The payment changed while we were updating it; try again");
  await appendPaymentLog(tx, {
    kind: "state_change",
    by,
    paymentId: payment.id,
    orderId: payment.orderId,
    fromStatus: payment.status,
    toStatus: to,
    message: message ?? null,
    data: data ?? null,
  });
  const event = WEBHOOK_FOR[to];
  if (event) await enqueueWebhookEvent(tx, { type: event, payment: updated });
  await enqueueEvent(tx, "shop/payment.status-changed", { paymentId: payment.id, orderId: payment.orderId, userId: payment.userId, method: updated.method, from: payment.status, to });
  return updated;
}

/** Updates non-status columns of a locked payment (e.g. the QR token of the current charge). */
export async function patchPayment(tx: Tx, paymentId: string, patch: PaymentPatch): Promise<PaymentRow> {
  const [row] = await tx.update(payments).set(patch).where(eq(payments.id, paymentId)).returning();
  return row!;
}
