// Tables of the payment module live here (owned and written only by that module).
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgSchema,
  pgSequence,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { PaymentMethod, PaymentStatus } from "@/server/domain/payment/payment.machine";
import type { ChargeReversalStatus } from "@/server/domain/payment/charge-reversal.machine";
import type { RefundStatus } from "@/server/domain/payment/refund.machine";
import { auditReasonColumns, createdAt, currency, id, money, updatedAt } from "./columns";
import { orderItems, orders } from "./order";
import { users } from "./users";

/** Feed the last digits of payment_sn and refund_sn. */
export const paymentSnSeq = pgSequence("payment_sn_seq", { startWith: 1, cache: 1 });
export const refundSnSeq = pgSequence("refund_sn_seq", { startWith: 1, cache: 1 });

/**
 * One payment of an order. Amount and currency equal the order's payable total (checked when
 * it is created). Status moves only through the payment state machine. `refunded_minor` is the
 * sum of succeeded refunds, `refund_reserved_minor` the sum of in-flight ones; the CHECK makes
 * over-refunding impossible even if a service had a bug.
 */
export const payments = pgTable(
  "payments",
  {
    id: id(),
    /** Human-readable and unique, e.g. PY20261124153012000042. Also the gateway's merchant reference. */
    paymentSn: text().notNull().unique(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    amountMinor: money(),
    currency: currency(),
    method: text().$type<PaymentMethod>().notNull(),
    status: text().$type<PaymentStatus>().notNull().default("pending"),
    provider: text().notNull().default("simulated"),
    attemptCount: integer().notNull().default(0),
    /** Our key for the current attempt's charge at the provider (payment_sn + attempt); the provider dedupes on it. */
    currentChargeKey: text(),
    providerChargeId: text(),
    /** For QR methods: where the simulated phone scans the current charge. */
    qrToken: text(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    refundedMinor: integer().notNull().default(0),
    refundReservedMinor: integer().notNull().default(0),
    failureCode: text(),
    failureMessage: text(),
    succeededAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    /**
     * While processing: when the reconciliation sweep next asks the gateway about it (set on
     * entering processing, pushed back after each question that brought no answer).
     */
    nextCheckAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // At most one payment per order that can still be paid, and at most one that captured money.
    uniqueIndex("payments_one_open_per_order").on(t.orderId).where(sql`${t.status} in ('pending', 'processing', 'failed')`),
    uniqueIndex("payments_one_captured_per_order").on(t.orderId).where(sql`${t.status} in ('succeeded', 'partially_refunded', 'refunded')`),
    index().on(t.orderId),
    index().on(t.userId, t.createdAt),
    index().on(t.status, t.createdAt),
    index().on(t.method, t.createdAt),
    // The admin list's keyset orders: (sort key, id), walked either way.
    index("payments_created_at_id").on(t.createdAt, t.id),
    index("payments_amount_id").on(t.amountMinor, t.id),
    index("payments_processing_updated").on(t.updatedAt).where(sql`${t.status} = 'processing'`),
    index("payments_processing_check_due").on(t.nextCheckAt).where(sql`${t.status} = 'processing'`),
    check("payments_amount_positive", sql`${t.amountMinor} > 0`),
    check("payments_refund_amounts_non_negative", sql`${t.refundedMinor} >= 0 AND ${t.refundReservedMinor} >= 0`),
    check("payments_refunds_within_captured", sql`${t.refundedMinor} + ${t.refundReservedMinor} <= ${t.amountMinor}`),
  ],
);

export const refunds = pgTable(
  "refunds",
  {
    id: id(),
    /** Human-readable and unique, e.g. RF20261124153012000007. Also the gateway's refund key. */
    refundSn: text().notNull().unique(),
    paymentId: uuid()
      .notNull()
      .references(() => payments.id),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    amountMinor: money(),
    currency: currency(),
    reason: text().notNull(),
    status: text().$type<RefundStatus>().notNull(),
    /** Who asked: the shopper (request) or an admin (direct refund). */
    requestedBy: text().$type<"shopper" | "admin" | "system">().notNull(),
    requestedById: uuid(),
    reviewNote: text(),
    reviewedBy: uuid(),
    reviewedAt: timestamp({ withTimezone: true }),
    submittedAt: timestamp({ withTimezone: true }),
    settledAt: timestamp({ withTimezone: true }),
    providerRefundId: text(),
    failureCode: text(),
    failureMessage: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.paymentId),
    index().on(t.orderId),
    index().on(t.userId, t.createdAt),
    index().on(t.status, t.createdAt),
    // The admin list's keyset orders: (sort key, id), walked either way.
    index("refunds_created_at_id").on(t.createdAt, t.id),
    index("refunds_amount_id").on(t.amountMinor, t.id),
    // The refund sweeps' due times: approved and not yet submitted, processing without a result.
    index("refunds_approved_due").on(t.updatedAt).where(sql`${t.status} = 'approved'`),
    index("refunds_processing_due").on(t.updatedAt).where(sql`${t.status} = 'processing'`),
    check("refunds_amount_positive", sql`${t.amountMinor} > 0`),
  ],
);

/**
 * What a refund gives back item by item, when the shopper (or an admin) picked items: the order
 * item, how many of it and the part of the refund's amount that is theirs (the amounts add up to
 * the refund's). A refund by amount alone has none. Quantities held by refunds that were not
 * rejected or failed can never exceed what was bought (checked under the order's row lock).
 */
export const refundItems = pgTable(
  "refund_items",
  {
    id: id(),
    refundId: uuid()
      .notNull()
      .references(() => refunds.id, { onDelete: "cascade" }),
    orderItemId: uuid()
      .notNull()
      .references(() => orderItems.id),
    quantity: integer().notNull(),
    amountMinor: money(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex().on(t.refundId, t.orderItemId),
    index().on(t.orderItemId),
    check("refund_items_quantity_positive", sql`${t.quantity} > 0`),
    check("refund_items_amount_non_negative", sql`${t.amountMinor} >= 0`),
  ],
);

/**
 * Money the gateway captured for a payment the shop had already closed (or paid with another
 * charge), given back automatically: one row per such charge (its key is unique), handed to the
 * gateway as a refund of that charge. Not a `refunds` row: those return part of what a payment
 * captured, while this charge was never the payment's capture.
 */
export const chargeReversals = pgTable(
  "charge_reversals",
  {
    id: id(),
    paymentId: uuid()
      .notNull()
      .references(() => payments.id),
    orderId: uuid()
      .notNull()
      .references(() => orders.id),
    /** Our key of the captured charge; one reversal per charge. */
    chargeKey: text().notNull().unique(),
    chargeId: text().notNull(),
    amountMinor: money(),
    currency: currency(),
    status: text().$type<ChargeReversalStatus>().notNull().default("requested"),
    /** Gateway refunds tried so far; the current one's key is `<charge key>-rv<attempts>`. */
    attempts: integer().notNull().default(0),
    refundKey: text(),
    providerRefundId: text(),
    reason: text().notNull(),
    failureCode: text(),
    failureMessage: text(),
    settledAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.paymentId),
    index("charge_reversals_refund_key").on(t.refundKey),
    index("charge_reversals_open").on(t.updatedAt).where(sql`${t.status} in ('requested', 'processing')`),
    check("charge_reversals_amount_positive", sql`${t.amountMinor} > 0`),
  ],
);

/**
 * Append-only log of everything that happens to a payment and its refunds: state changes,
 * gateway requests and responses, notifications (valid or not), webhook deliveries.
 * Rows are never updated or deleted.
 */
export const paymentLog = pgTable(
  "payment_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    paymentId: uuid(),
    refundId: uuid(),
    orderId: uuid(),
    kind: text().notNull(),
    fromStatus: text(),
    toStatus: text(),
    actor: text().$type<"shopper" | "admin" | "system" | "workflow" | "gateway">().notNull(),
    actorId: uuid(),
    requestId: text(),
    ...auditReasonColumns(),
    /** A technical note for developers (gateway answer, keys); people read `kind` + the reason code. */
    message: text(),
    data: jsonb().$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.paymentId, t.id), index().on(t.refundId, t.id), index().on(t.kind, t.createdAt)],
);

/**
 * Idempotency keys of create payment, pay attempt and create refund: the request's hash and
 * the response, kept at least 24 hours. Scope = operation + caller, so keys never collide
 * between shoppers.
 */
export const paymentIdempotencyKeys = pgTable(
  "payment_idempotency_keys",
  {
    scope: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    response: jsonb().$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index().on(t.expiresAt)],
);

/** Gateway notifications we accepted, keyed by the gateway's id: a replay is acknowledged and ignored. */
export const gatewayNotificationsReceived = pgTable("gateway_notifications_received", {
  notificationId: text().primaryKey(),
  type: text().notNull(),
  outcome: text().notNull(),
  receivedAt: createdAt(),
});

/** Merchant webhook endpoints registered by admins. */
export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: id(),
  url: text().notNull(),
  description: text().notNull().default(""),
  /** Signing secret for this endpoint (HMAC-SHA256, same scheme as gateway notifications). */
  secret: text().notNull(),
  /** Event types this endpoint wants; empty means all. */
  events: jsonb().$type<string[]>().notNull().default([]),
  enabled: boolean().notNull().default(true),
  createdBy: uuid(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * One event for one endpoint, delivered at least once. Retry state is durable here
 * (`next_attempt_at`), so a crash loses nothing: the row is simply due again.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    endpointId: uuid()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventId: uuid().notNull(),
    eventType: text().notNull(),
    paymentId: uuid(),
    refundId: uuid(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text().$type<"pending" | "delivered" | "failed">().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastStatusCode: integer(),
    lastError: text(),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    unique().on(t.endpointId, t.eventId),
    index("webhook_deliveries_due").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    // The admin home's "failed webhook deliveries" count and the list it links to read only these rows.
    index("webhook_deliveries_failed").on(t.createdAt).where(sql`${t.status} = 'failed'`),
    index().on(t.paymentId),
    index().on(t.refundId),
    index().on(t.endpointId, t.createdAt),
  ],
);

/** Every HTTP attempt of a webhook delivery: status code, latency, error. */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    deliveryId: uuid()
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attemptNo: integer().notNull(),
    statusCode: integer(),
    latencyMs: integer().notNull(),
    error: text(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.deliveryId, t.id)],
);

/**
 * The simulated gateway's own ledger, in its own PostgreSQL schema: it stands for another
 * company's system. The shop never writes these tables; it talks to the gateway only through
 * the PaymentProvider interface and signed notifications.
 */
export const gatewaySchema = pgSchema("gateway");

export const gatewayCharges = gatewaySchema.table(
  "charges",
  {
    id: text().primaryKey(),
    /** The merchant's key for this charge; a second request with the same key gets the same charge. */
    chargeKey: text().notNull().unique(),
    merchantRef: text().notNull(),
    amountMinor: integer().notNull(),
    currency: text().notNull(),
    method: text().notNull(),
    status: text().$type<"pending" | "succeeded" | "failed" | "closed">().notNull(),
    failureCode: text(),
    failureMessage: text(),
    cardLast4: text(),
    qrToken: text().unique(),
    expiresAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.merchantRef), index().on(t.status, t.settledAt)],
);

export const gatewayRefunds = gatewaySchema.table(
  "refunds",
  {
    id: text().primaryKey(),
    refundKey: text().notNull().unique(),
    chargeId: text()
      .notNull()
      .references(() => gatewayCharges.id),
    amountMinor: integer().notNull(),
    currency: text().notNull(),
    status: text().$type<"pending" | "succeeded" | "failed">().notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    failureCode: text(),
    failureMessage: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.chargeId), index("gateway_refunds_due").on(t.dueAt).where(sql`${t.status} = 'pending'`)],
);

/** Notifications the gateway owes the merchant, delivered as signed HTTP POSTs until acknowledged. */
export const gatewayNotifications = gatewaySchema.table(
  "notifications",
  {
    id: text().primaryKey(),
    type: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text().$type<"pending" | "delivered" | "failed">().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastStatusCode: integer(),
    lastError: text(),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("gateway_notifications_due").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`)],
);

/**
 * Payments per China-time day of creation, status and method, for the payments report: the
 * report reads a few rows per day here instead of grouping every payment of the range.
 *
 * Kept by a trigger on `payments` (migration 0023, hand-written part) in the same transaction
 * as every insert, update or delete of a payment, so it is never behind: each change takes the
 * old row's contribution off its group and adds the new row's. `shard` (from the payment id)
 * splits each group over 8 rows so concurrent payments of the same day, status and method
 * rarely wait for one another's row lock; the trigger touches its rows in key order.
 * `attempts` sums the charge attempts, for the success rate by attempt.
 */
export const paymentDailyRollups = pgTable(
  "payment_daily_rollups",
  {
    day: date({ mode: "string" }).notNull(),
    status: text().$type<PaymentStatus>().notNull(),
    method: text().$type<PaymentMethod>().notNull(),
    shard: smallint().notNull(),
    payments: integer().notNull().default(0),
    amountMinor: bigint({ mode: "number" }).notNull().default(0),
    refundedMinor: bigint({ mode: "number" }).notNull().default(0),
    attempts: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.status, t.method, t.shard] })],
);
