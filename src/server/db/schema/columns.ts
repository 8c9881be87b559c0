import { char, customType, integer, jsonb, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { AuditReasonCode, AuditReasonParams } from "@/lib/audit-reasons";

/** Shared column helpers so every module spells ids, money and time the same way. */
export const id = () => uuid().primaryKey().defaultRandom();

/** Money is always integer minor units (fen for CNY) next to a currency code. */
export const money = () => integer().notNull();
export const currency = () => char({ length: 3 }).notNull().default("CNY");

export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

/** Raw bytes (pictures): a Buffer in, a Buffer out. */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * Why an audit row was written: a reason code with its parameters (src/lib/audit-reasons.ts),
 * rendered in the reader's language. Nullable: rows from before reason codes hold an English
 * sentence in their free-text column instead, shown as it was written.
 */
export const auditReasonColumns = () => ({
  reasonCode: text().$type<AuditReasonCode>(),
  reasonParams: jsonb().$type<AuditReasonParams>(),
});
