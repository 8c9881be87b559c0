import { sql } from "drizzle-orm";
import type { Tx } from "@/server/db/client";

/**
 * Claims one item for this transaction without waiting (a transaction-scoped advisory lock).
 * Sweeps use it where the work must lock rows in the global order (order → payment → refund):
 * `FOR UPDATE SKIP LOCKED` on the payment first would invert that order, while a try-lock on
 * the item's key lets two app instances skip each other's items and never wait or deadlock.
 */
export async function tryClaim(tx: Tx, key: string): Promise<boolean> {
  const [row] = (await tx.execute(sql`select pg_try_advisory_xact_lock(hashtextextended(${key}, 0)) as claimed`)) as unknown as [{ claimed: boolean }];
  return row.claimed;
}
