import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, jsonb, pgEnum, pgSequence, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { OrderStatus } from "@/server/domain/order/order.machine";
import { auditReasonColumns, createdAt, currency, id, money, updatedAt } from "./columns";
import { products } from "./catalog";
import { users } from "./users";

/** The delivery address as it was when the order was placed; later address edits do not touch it. */
export type AddressSnapshot = {
  recipient: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  detail: string;
};

/** Feeds the last six digits of order numbers. */
export const orderNoSeq = pgSequence("order_no_seq", { startWith: 1, cache: 1 });

export const orders = pgTable(
  "orders",
  {
    id: id(),
    /** Human-readable, unique and time-sortable, e.g. SF20261124153012000042. */
    orderNo: text().notNull().unique(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    /** Moved only through the order state machine (src/server/domain/order/order.machine.ts). */
    status: text().$type<OrderStatus>().notNull().default("pending_payment"),
    /** Mirror of the current payment's status ('unpaid' before any payment exists). */
    paymentStatus: text().notNull().default("unpaid"),
    /** Mirror of the shipment's status ('none' before a shipment exists). */
    logisticsStatus: text().notNull().default("none"),
    paymentSn: text(),
    logisticsSn: text(),
    currency: currency(),
    itemsTotalMinor: money(),
    shippingFeeMinor: integer().notNull().default(0),
    payableTotalMinor: money(),
    shippingAddress: jsonb().$type<AddressSnapshot>().notNull(),
    /** Chosen shipping option; null until logistics offers options at checkout. */
    carrierCode: text(),
    serviceLevel: text(),
    note: text(),
    paymentDeadlineAt: timestamp({ withTimezone: true }),
    paidAt: timestamp({ withTimezone: true }),
    shippedAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    completedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.userId, t.createdAt),
    index().on(t.status, t.createdAt),
    // The admin list's keyset order (created, id), walked either way.
    index("orders_created_at_id").on(t.createdAt, t.id),
    // The sweeps' due times: each reads only the orders whose moment has come, oldest first,
    // from an index holding just the orders in that state (see src/server/flows/*-sweeps.ts).
    index("orders_payment_deadline_due").on(t.paymentDeadlineAt).where(sql`${t.status} = 'pending_payment'`),
    index("orders_paid_due").on(t.paidAt).where(sql`${t.status} = 'paid'`),
    index("orders_paid_without_shipment").on(t.paidAt).where(sql`${t.status} = 'paid' and ${t.logisticsStatus} = 'none'`),
    index("orders_delivered_due").on(t.deliveredAt).where(sql`${t.status} = 'delivered'`),
    check("orders_totals_consistent", sql`${t.payableTotalMinor} = ${t.itemsTotalMinor} + ${t.shippingFeeMinor}`),
    check("orders_totals_non_negative", sql`${t.itemsTotalMinor} >= 0 AND ${t.shippingFeeMinor} >= 0`),
  ],
);

export const orderItems = pgTable(
  "order_items",
  {
    id: id(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    /** Snapshots: what the shopper saw and paid, immune to later catalog edits. */
    sku: text().notNull(),
    name: text().notNull(),
    /** The Simplified Chinese name at checkout (empty when the product had none). */
    nameZh: text().notNull().default(""),
    unitPriceMinor: money(),
    quantity: integer().notNull(),
    lineTotalMinor: money(),
    weightGrams: integer().notNull(),
  },
  (t) => [index().on(t.orderId), check("order_items_quantity_positive", sql`${t.quantity} > 0`)],
);

export const statusActor = pgEnum("status_actor", ["shopper", "admin", "system", "workflow"]);

/** Append-only history of every order status change, written in the same transaction as the change. */
export const orderStatusLog = pgTable(
  "order_status_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    fromStatus: text(),
    toStatus: text().notNull(),
    actor: statusActor().notNull(),
    actorId: uuid(),
    ...auditReasonColumns(),
    /** Free text a person typed (an admin's note); on rows older than reason codes, the English reason the system wrote. */
    reason: text(),
    requestId: text(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.orderId, t.createdAt)],
);

/**
 * What an admin did to an order that leaves no status change of its own (a notification sent
 * again, a bulk ship's verdict): who, when, which request, and what exactly. Append-only; written
 * in the same transaction as the action it records.
 */
export const orderAdminActions = pgTable(
  "order_admin_actions",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    orderId: uuid()
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    action: text().$type<"notification_resent" | "cancelled_with_refund" | "service_changed">().notNull(),
    adminId: uuid(),
    requestId: text(),
    data: jsonb().$type<Record<string, string | number | null>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.orderId, t.createdAt)],
);
