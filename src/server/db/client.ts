import postgres from "postgres";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { startCacheSync, cacheSyncWanted, type CacheSync } from "@/server/cache/cache-sync";
import { clearProcessCaches } from "@/server/cache/process-cache";
import { withAfterCommit } from "./after-commit";
import { withPoolMetrics } from "./pool-metrics";
import { preparingEveryStatement } from "./prepared-statements";
import { recordingTransactions, routingClient, withTransactionRoutes } from "./transaction-routes";
import * as schema from "./schema";

/**
 * The drizzle database over a postgres.js pool (`$client`, for what needs a connection of its own).
 * Built without drizzle's relational query API (`db.query.<table>`, which nothing uses): with a
 * schema, drizzle builds a query builder for every table each time it opens a transaction.
 */
export type Database = PostgresJsDatabase & { $client: postgres.Sql };
/** A transaction handle; services accept `DbOrTx` so flows can compose them in one transaction. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DbOrTx = Database | Tx;

/**
 * A server role's database does not change while it runs, so its URL is read once: reading
 * `process.env` goes through the C++ environment on every access, and getDb is called several
 * times per request (about 1 % of the gateway's CPU per order read). Elsewhere (tests switch
 * DATABASE_URL between files and cases) it is read on every call.
 */
const serverRoleUrl = process.env.SHOPFLOW_ROLE ? process.env.DATABASE_URL : undefined;

function databaseUrl(): string {
  const url = serverRoleUrl ?? process.env.DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set: start the app with `npm start`, which provides an embedded PostgreSQL");
  }
  return url;
}

/** Whether drizzle's statements go out as server-side prepared statements (DATABASE_PREPARED_STATEMENTS, on by default). */
const preparedStatementsWanted = () => process.env.DATABASE_PREPARED_STATEMENTS !== "off";

/** A pool size from the environment (validated at start by src/env.ts). */
const poolSize = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/**
 * Where PostgreSQL's Unix socket is, if it runs here (DATABASE_SOCKET_DIR, src/env.ts): a
 * round trip through it cost ~19 µs less CPU than TCP over the loopback (client and server
 * together, of ~117 for a one-row statement), and a simulated order's life makes ~90 of them.
 */
const socketDir = () => process.env.DATABASE_SOCKET_DIR || undefined;

function createClient(url: string, max: number) {
  const dir = socketDir();
  return postgres(url, {
    // postgres.js connects to `${host}/.s.PGSQL.${port}` when the host is a directory.
    ...(dir ? { host: dir } : {}),
    max,
    onnotice: () => {},
    // Timestamps come back as Date objects; bigint counts as numbers.
    types: { bigint: postgres.BigInt },
  });
}

/**
 * Creates a drizzle database over its own postgres.js pool (used by tests and scripts);
 * `pool` names it in the pool gauges (shopflow_db_pool_*). `prepareStatements: false` sends
 * drizzle's statements unnamed, as migrations want (see preparingEveryStatement).
 */
export function createDatabase(url: string, size = poolSize("DATABASE_POOL_SIZE", 10), pool = "other", { prepareStatements = preparedStatementsWanted() } = {}) {
  const sql = createClient(url, size);
  return { sql, db: wrap(sql, pool, size, prepareStatements) };
}

/** `pool` and `size` label the pool's gauges (shopflow_db_pool_*); the process pools are `main` and `statement`. */
function wrap(sql: postgres.Sql, pool: string, size: number, prepareStatements = preparedStatementsWanted()): Database {
  const client = recordingTransactions(prepareStatements ? preparingEveryStatement(sql) : sql);
  // Statements built once for use inside this database's transactions (see transaction-routes.ts).
  const routing = drizzle({ client: routingClient(), casing: "snake_case" }) as Database;
  return withAfterCommit(withPoolMetrics(withTransactionRoutes(drizzle({ client, casing: "snake_case" }), routing), pool, size));
}

/**
 * The process's pools: `sql` for transactions and ordinary queries, `statementSql` for hot
 * single statements (see statementDbFor), and the cache-invalidation listener on `sql`.
 * One per process: every role (gateway, web, worker) loads this module once.
 */
type ProcessPool = { url: string; sql: postgres.Sql; db: Database; statementSql: postgres.Sql; statementDb: Database; cacheSync: CacheSync | null };
let pool: ProcessPool | undefined;

/** The process-wide database, created on first use from DATABASE_URL. */
export function getDb(): Database {
  const url = databaseUrl();
  if (pool?.url === url) return pool.db;
  if (pool) void closeDb();
  clearProcessCaches();
  const sql = createClient(url, poolSize("DATABASE_POOL_SIZE", 10));
  const statementSql = createClient(url, poolSize("DATABASE_STATEMENT_POOL_SIZE", 2));
  pool = { url, sql, db: wrap(sql, "main", sql.options.max), statementSql, statementDb: wrap(statementSql, "statement", statementSql.options.max), cacheSync: cacheSyncWanted() ? startCacheSync(sql) : null };
  return pool.db;
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
export function statementDbFor(db: DbOrTx): DbOrTx {
  return pool && db === pool.db ? pool.statementDb : db;
}

export function getSql(): postgres.Sql {
  getDb();
  return pool!.sql;
}

/** Closes the process's pools (at shutdown, in tests, or when DATABASE_URL changes). */
export async function closeDb(): Promise<void> {
  const closing = pool;
  pool = undefined;
  clearProcessCaches();
  if (!closing) return;
  await closing.cacheSync?.stop();
  await Promise.all([closing.sql.end({ timeout: 5 }), closing.statementSql.end({ timeout: 5 })]);
}

/**
 * `next dev` (Turbopack) re-evaluates a server module when it or an import of it changes; the
 * copy it replaces closes its pools here instead of leaving their connections open. Only
 * Turbopack's dev runtime defines turbopackHot: in production, under tsx and in tests this is
 * a no-op, and each process holds exactly one pool.
 */
(import.meta as ImportMeta & { turbopackHot?: { dispose(callback: () => void): void } }).turbopackHot?.dispose(() => void closeDb());

export { schema };
