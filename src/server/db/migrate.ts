import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { createDatabase } from "./client";

/** Applies the committed SQL migrations in ./drizzle; safe to run on every start. */
export async function runMigrations(url: string): Promise<void> {
  const { sql, db } = createDatabase(url, 1);
  try {
    await migrate(db, { migrationsFolder: path.resolve(process.cwd(), "drizzle") });
  } finally {
    await sql.end({ timeout: 5 });
  }
}
