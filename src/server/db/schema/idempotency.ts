import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

/**
 * Answers kept for the `Idempotency-Key` header (src/gateway/plugins/idempotency.ts): per
 * caller and key, the request's fingerprint and, once it finished, the answer to replay for 24 h.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    /** Who sent it: `apiKey:<id>`, `user:<id>` or `ip:<address>` — keys are private to their caller. */
    scope: text().notNull(),
    key: text().notNull(),
    /** SHA-256 of method, path and body: the same key with another request is refused. */
    requestHash: text().notNull(),
    /** `running` until the first answer is stored, then `done`. */
    status: text({ enum: ["running", "done"] }).notNull().default("running"),
    responseStatus: integer(),
    responseHeaders: jsonb().$type<Record<string, string>>(),
    responseBody: text(),
    createdAt: createdAt(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index().on(t.createdAt)],
);
