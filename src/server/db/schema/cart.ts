import { sql } from "drizzle-orm";
import { check, integer, pgTable, unique, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { products } from "./catalog";
import { users } from "./users";

export const cartItems = pgTable(
  "cart_items",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    productId: uuid()
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    quantity: integer().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique().on(t.userId, t.productId), check("cart_quantity_positive", sql`${t.quantity} > 0`)],
);
