import postgres from "postgres";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { clearProcessCaches } from "@/server/cache/process-cache";
import { withAfterCommit } from "./after-commit";
import { withPoolMetrics } from "./pool-metrics";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;
/** A transaction handle; services accept `DbOrTx` so flows can compose them in one transaction. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DbOrTx = Database | Tx;

/**
 * The process-wide pools, shared by every copy of this module in the process (see getDb):
 * `sql` for transactions and ordinary queries, `statementSql` for hot single statements
 * (see statementDbFor).
 */
type SharedPool = { url: string; sql: postgres.Sql; statementSql: postgres.Sql };
const globalForDb = globalThis as unknown as { __shopflowPool?: SharedPool };

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides an embedded PostgreSQL");
  }
  return url;
}

/** A pool size from the environment (validated at start by src/env.ts). */
const poolSize = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

function createClient(url: string, max: number) {
  return postgres(url, {
    max,
    onnotice: () => {},
    // Timestamps come back as Date objects; bigint counts as numbers.
    types: { bigint: postgres.BigInt },
  });
}

/**
 * Creates a drizzle database over its own postgres.js pool (used by tests and scripts);
 * `pool` names it in the pool gauges (shopflow_db_pool_*).
 */
export function createDatabase(url: string, size = poolSize("DATABASE_POOL_SIZE", 10), pool = "other") {
  const sql = createClient(url, size);
  return { sql, db: wrap(sql, pool, size) };
}

/** `pool` and `size` label the pool's gauges (shopflow_db_pool_*); the process pools are `main` and `statement`. */
function wrap(sql: postgres.Sql, pool: string, size: number): Database {
  return withAfterCommit(withPoolMetrics(drizzle({ client: sql, schema, casing: "snake_case" }), pool, size));
}

/** This module copy's drizzle wrappers over the shared pools. */
let local: { sql: postgres.Sql; db: Database; statementDb: Database } | undefined;

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
    shared = {
      url,
      sql: createClient(url, poolSize("DATABASE_POOL_SIZE", 10)),
      statementSql: createClient(url, poolSize("DATABASE_STATEMENT_POOL_SIZE", 2)),
    };
    globalForDb.__shopflowPool = shared;
  }
  if (local?.sql !== shared.sql) local = { sql: shared.sql, db: wrap(shared.sql, "main", shared.sql.options.max), statementDb: wrap(shared.statementSql, "statement", shared.statementSql.options.max) };
  return local.db;
}

/**
 * Where a hot single statement outside any transaction runs: for the process database, its
 * small statement pool; any other database (a test's scratch database) runs its own.
 *
 * postgres.js pipelines statements on a busy connection, and a few connections with many
 * statements in flight each beat many connections with a few: fewer PostgreSQL backends
 * compete for the CPU, and the statements sent in one tick go out in one write. Measured on
 * the order read (two cores): PostgreSQL's CPU per read fell by about a third and the
 * server's by a tenth going from 10 connections to 2. Transactions keep the main pool, so a
 * long one never holds up these reads, nor they it.
 */
export function statementDbFor(db: Database): Database {
  return local && db === local.db ? local.statementDb : db;
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
  await Promise.all([shared?.sql.end({ timeout: 5 }), shared?.statementSql.end({ timeout: 5 })]);
}

export { schema };
