import { sql, type SQL } from "drizzle-orm";

/** A JS instant as a typed SQL parameter (raw `sql` templates do not serialise Date objects). */
export function tstz(value: Date | null | undefined): SQL {
  return sql`${value ? value.toISOString() : null}::timestamptz`;
}
