import postgres from "postgres";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { clearProcessCaches } from "@/server/cache/process-cache";
import { withAfterCommit } from "./after-commit";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;
/** A transaction handle; services accept `DbOrTx` so flows can compose them in one transaction. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DbOrTx = Database | Tx;

/** The process-wide pool, shared by every copy of this module in the process (see getDb). */
type SharedPool = { url: string; sql: postgres.Sql };
const globalForDb = globalThis as unknown as { __shopflowPool?: SharedPool };

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides an embedded PostgreSQL");
  }
  return url;
}

function createClient(url: string, poolSize: number) {
  return postgres(url, {
    max: poolSize,
    onnotice: () => {},
    // Timestamps come back as Date objects; bigint counts as numbers.
    types: { bigint: postgres.BigInt },
  });
}

/** Creates a drizzle database over its own postgres.js pool (used by tests and scripts). */
export function createDatabase(url: string, poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10)) {
  const sql = createClient(url, poolSize);
  return { sql, db: wrap(sql) };
}

function wrap(sql: postgres.Sql): Database {
  return withAfterCommit(drizzle({ client: sql, schema, casing: "snake_case" }));
}

/** This module copy's drizzle wrapper over the shared pool. */
let local: { sql: postgres.Sql; db: Database } | undefined;

/**
 * The process-wide database. The pool is cached on globalThis, so Next's hot reload does not
 * leak connections and the front server (scripts/serve.ts) and Next's bundle — two copies of
 * this module in one process — share one pool. The drizzle wrapper is per copy: drizzle
 * recognises its own tables and columns with `instanceof` and falls back to a slow
 * prototype-chain walk for another copy's, which made a quarter of a small request's CPU.
 */
export function getDb(): Database {
  const url = databaseUrl();
  let shared = globalForDb.__shopflowPool;
  if (!shared || shared.url !== url) {
    clearProcessCaches();
    shared = { url, sql: createClient(url, Number(process.env.DATABASE_POOL_SIZE ?? 10)) };
    globalForDb.__shopflowPool = shared;
  }
  if (local?.sql !== shared.sql) local = { sql: shared.sql, db: wrap(shared.sql) };
  return local.db;
}

export function getSql(): postgres.Sql {
  getDb();
  return globalForDb.__shopflowPool!.sql;
}

export async function closeDb(): Promise<void> {
  const shared = globalForDb.__shopflowPool;
  globalForDb.__shopflowPool = undefined;
  local = undefined;
  clearProcessCaches();
  await shared?.sql.end({ timeout: 5 });
}

export { schema };
