import { bigserial, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { users } from "./users";

/**
 * What a key may do. `shopper` acts as its owner (a shopper account); `admin_read` and
 * `admin_write` belong to admin accounts and let the gateway allow admin reads, or reads and
 * writes.
 */
export const apiKeyScope = pgEnum("api_key_scope", ["shopper", "admin_read", "admin_write"]);

/**
 * Personal API keys. The secret itself is never stored: only `prefix` (the part people see
 * and the lookup key) and `secret_hash`, the SHA-256 of the whole secret in hex. A fast hash
 * is right here, unlike for passwords (bcrypt): the secret is 256 random bits, so there is
 * no dictionary to try and nothing a slow hash would protect, while bcrypt would add tens of
 * milliseconds to every API request.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    /** `sf_live_` and 8 base62 characters: shown in lists, and how a presented key is found. */
    prefix: text().notNull().unique(),
    secretHash: text().notNull(),
    scope: apiKeyScope().notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.userId, t.createdAt), index().on(t.scope, t.createdAt)],
);

export const apiKeyEventType = pgEnum("api_key_event_type", ["created", "revoked", "first_used"]);

/** Append-only audit of each key's life: who created or revoked it, and when it was first used. */
export const apiKeyEvents = pgTable(
  "api_key_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    apiKeyId: uuid()
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    type: apiKeyEventType().notNull(),
    /** The signed-in user who did it; null for first use (the key itself was the caller). */
    actorUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    requestId: text(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.apiKeyId, t.createdAt)],
);
