import { sql, type Placeholder, type SQL } from "drizzle-orm";

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

/** What an order number placed at `at` has before its six sequence digits ("SF" and the timestamp). */
export function orderNoPrefix(at: Date): string {
  return formatOrderNo(at, 0).slice(0, -6);
}

/**
 * A new order number as an SQL expression for the order's insert (the sequence drawn by the
 * insert itself: no statement of its own), after `prefix` (orderNoPrefix), given as a value or
 * as the placeholder of a statement built once.
 */
export function nextOrderNoSql(prefix: string | Placeholder = orderNoPrefix(new Date())): SQL {
  return sql`${prefix} || lpad((nextval('order_no_seq') % 1000000)::text, 6, '0')`;
}
