import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";

/**
 * Order numbers people can read aloud and sort: "SF" + China-time timestamp to the second +
 * six digits from a database sequence, e.g. SF20261124153012000042. Unique because the
 * sequence never repeats within a second (a million orders per second would wrap it), and the
 * unique index on orders.order_no is the final guard.
 */
export function formatOrderNo(at: Date, sequence: number): string {
  const china = new Date(at.getTime() + 8 * 60 * 60 * 1000);
  const stamp = china.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  return `SF${stamp}${String(sequence % 1_000_000).padStart(6, "0")}`;
}

export async function nextOrderNo(db: DbOrTx, at = new Date()): Promise<string> {
  const [row] = await db.execute<{ n: string }>(sql`select nextval('order_no_seq')::text as n`);
  return formatOrderNo(at, Number(row!.n));
}
