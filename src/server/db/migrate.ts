import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { ADVISORY_LOCKS, withAdvisoryLock } from "./advisory-lock";
import { createDatabase } from "./client";

/**
 * Applies the committed SQL migrations in ./drizzle; safe to run on every start, and from
 * several processes at once: the migrations advisory lock lets one apply them while the
 * others wait, then find nothing left to do. (Without it two fresh starts race on creating
 * drizzle's bookkeeping schema and on the first migration's tables.)
 */
export async function runMigrations(url: string): Promise<void> {
  // Two connections: one holds the lock, the other applies the migrations.
  const { sql, db } = createDatabase(url, 2, "other", { prepareStatements: false });
  try {
    await withAdvisoryLock(sql, ADVISORY_LOCKS.migrations, () => migrate(db, { migrationsFolder: path.resolve(process.cwd(), "drizzle") }));
  } finally {
    await sql.end({ timeout: 5 });
  }
}
