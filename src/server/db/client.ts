import postgres from "postgres";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;
/** A transaction handle; services accept `DbOrTx` so flows can compose them in one transaction. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DbOrTx = Database | Tx;

type Cached = { url: string; sql: postgres.Sql; db: Database };
const globalForDb = globalThis as unknown as { __shopflowDb?: Cached };

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides an embedded PostgreSQL");
  }
  return url;
}

/** Creates a drizzle database over its own postgres.js pool (used by tests and scripts). */
export function createDatabase(url: string, poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10)) {
  const sql = postgres(url, {
    max: poolSize,
    onnotice: () => {},
    // Timestamps come back as Date objects; bigint counts as numbers.
    types: { bigint: postgres.BigInt },
  });
  const db = drizzle({ client: sql, schema, casing: "snake_case" });
  return { sql, db };
}

/** The process-wide pool, cached on globalThis so Next's hot reload does not leak connections. */
export function getDb(): Database {
  const url = databaseUrl();
  const cached = globalForDb.__shopflowDb;
  if (cached && cached.url === url) return cached.db;
  const created = createDatabase(url);
  globalForDb.__shopflowDb = { url, ...created };
  return created.db;
}

export function getSql(): postgres.Sql {
  getDb();
  return globalForDb.__shopflowDb!.sql;
}

export async function closeDb(): Promise<void> {
  const cached = globalForDb.__shopflowDb;
  globalForDb.__shopflowDb = undefined;
  await cached?.sql.end({ timeout: 5 });
}

export { schema };
