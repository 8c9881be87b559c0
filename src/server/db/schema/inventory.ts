import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, uuid, bigserial } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns";
import { products } from "./catalog";

/**
 * Stock per product. `reserved` is held by unpaid or unshipped orders; available = on_hand - reserved.
 * The CHECKs are the last line of defence: the service's conditional updates never let them fire.
 */
export const inventory = pgTable(
  "inventory",
  {
    productId: uuid()
      .primaryKey()
      .references(() => products.id, { onDelete: "cascade" }),
    onHand: integer().notNull(),
    reserved: integer().notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("inventory_on_hand_non_negative", sql`${t.onHand} >= 0`),
    check("inventory_reserved_non_negative", sql`${t.reserved} >= 0`),
    check("inventory_reserved_within_on_hand", sql`${t.reserved} <= ${t.onHand}`),
  ],
);

export const inventoryMovementKind = pgEnum("inventory_movement_kind", ["reserve", "release", "commit", "restock", "adjust", "receive"]);

/** Append-only audit of every stock change. */
export const inventoryMovements = pgTable(
  "inventory_movements",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    kind: inventoryMovementKind().notNull(),
    quantity: integer().notNull(),
    orderId: uuid(),
    /** The admin who received or corrected stock; null for order-driven movements. */
    actorId: uuid(),
    note: text(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.productId, t.createdAt), index().on(t.orderId)],
);
