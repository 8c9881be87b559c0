import { sql, type Placeholder, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";

/**
 * Numbers people read aloud and sort: prefix + China-time timestamp to the second + six digits
 * from a database sequence, e.g. PY20261124153012000042 (payment) or RF20261124153012000007
 * (refund). The unique indexes are the final guard.
 */
export function formatSn(prefix: "PY" | "RF", at: Date, sequence: number): string {
  const china = new Date(at.getTime() + 8 * 60 * 60 * 1000);
  const stamp = china.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return `${prefix}${stamp}${String(sequence % 1_000_000).padStart(6, "0")}`;
}

/** What a payment number drawn at `at` has before its six sequence digits ("PY" and the timestamp). */
export function paymentSnPrefix(at: Date): string {
  return formatSn("PY", at, 0).slice(0, -6);
}

/**
 * A new payment_sn as an SQL expression for the payment's insert (formatSn's format, the sequence
 * drawn by the insert itself: no statement of its own).
 */
export function nextPaymentSnSql(prefix: string | Placeholder = paymentSnPrefix(new Date())): SQL {
  return sql`${prefix} || lpad((nextval('payment_sn_seq') % 1000000)::text, 6, '0')`;
}

export async function nextRefundSn(db: DbOrTx, at = new Date()): Promise<string> {
  const [row] = await db.execute<{ n: string }>(sql`select nextval('refund_sn_seq')::text as n`);
  return formatSn("RF", at, Number(row!.n));
}
