import { bigserial, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
  /** Set while an admin has disabled the account: no sign-in, no session, no API key works. */
  disabledAt: timestamp({ withTimezone: true }),
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

export const userEventType = pgEnum("user_event_type", [
  "created",
  "role_changed",
  "disabled",
  "enabled",
  "password_changed",
  "password_reset_link_created",
  "password_reset",
]);

/**
 * Append-only audit of every change to an account: who did it (null: the command line, e.g.
 * `npm run admin:create`), when, and what it was before and after. Passwords and reset tokens
 * never appear here, only the fact that they changed.
 */
export const userEvents = pgTable(
  "user_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: userEventType().notNull(),
    actorUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    before: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    after: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    requestId: text(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.userId, t.createdAt)],
);

/**
 * One-time password reset links. Only the SHA-256 of the token is stored (the token is 256
 * random bits, so a fast hash is enough, as for API keys); a link works once, until expiresAt.
 */
export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text().notNull().unique(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.userId)],
);
