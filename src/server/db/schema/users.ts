import { index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";

export const userRole = pgEnum("user_role", ["shopper", "admin"]);

export const users = pgTable("users", {
  id: id(),
  /** Stored lower-cased; uniqueness is case-insensitive by construction. */
  email: text().notNull().unique(),
  name: text().notNull(),
  passwordHash: text().notNull(),
  role: userRole().notNull().default("shopper"),
  createdAt: createdAt(),
});

/**
 * One row per sign-in. The JWT carries only this row's id (`sid`), so signing out revokes
 * the row and a copied token stops working at once, even though credentials sign-in must
 * use JWT sessions in next-auth.
 */
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.userId)],
);
