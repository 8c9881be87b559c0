import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";

/** One row per settings namespace (payment, logistics, simulation, ...), validated by that module's zod schema. */
export const appSettings = pgTable("app_settings", {
  namespace: text().primaryKey(),
  value: jsonb().$type<Record<string, unknown>>().notNull(),
  version: integer().notNull().default(1),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid(),
});

/** Every settings change: who, when, before and after. */
export const settingsChanges = pgTable(
  "settings_changes",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    namespace: text().notNull(),
    before: jsonb().$type<Record<string, unknown>>().notNull(),
    after: jsonb().$type<Record<string, unknown>>().notNull(),
    changedBy: uuid(),
    requestId: text(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.namespace, t.createdAt)],
);
