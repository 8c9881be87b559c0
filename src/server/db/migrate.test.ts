import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { endTsProcess, startTsProcess, until } from "../../../test/processes";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { ADVISORY_LOCK_NAMESPACE, ADVISORY_LOCKS } from "./advisory-lock";
import { createDatabase } from "./client";
import { runMigrations } from "./migrate";

const adminUrl = inject("adminDatabaseUrl");
const journal = JSON.parse(fs.readFileSync(path.resolve(process.cwd(), "drizzle/meta/_journal.json"), "utf8")) as { entries: unknown[] };

/** A fresh, empty database (not migrated) and a way to drop it. */
async function emptyDatabase() {
  const name = `shopflow_migrate_${Date.now()}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await sql.end();
    },
  };
}

const appliedCount = async (sql: postgres.Sql) => (await sql<{ n: number }[]>`select count(*)::int as n from drizzle.__drizzle_migrations`)[0]!.n;

describe("migrations under a lock", () => {
  it("two simultaneous runs on a fresh database both succeed and apply each migration once", async () => {
    const db = await emptyDatabase();
    const sql = postgres(db.url, { max: 1, onnotice: () => {} });
    try {
      await Promise.all([runMigrations(db.url), runMigrations(db.url), runMigrations(db.url)]);
      expect(await appliedCount(sql)).toBe(journal.entries.length);
    } finally {
      await sql.end();
      await db.drop();
    }
  });

  it("a starting process waits while another holds the migration lock, then finds nothing left to do", async () => {
    const db = await emptyDatabase();
    const holder = postgres(db.url, { max: 1, onnotice: () => {} });
    const observer = postgres(db.url, { max: 1, onnotice: () => {} });
    await holder`select pg_advisory_lock(${ADVISORY_LOCK_NAMESPACE}, ${ADVISORY_LOCKS.migrations})`;
    const migrating = startTsProcess("scripts/db-migrate.ts", { DATABASE_URL: db.url });
    try {
      await until(
        "the process to wait for the lock",
        async () =>
          (await observer<{ n: number }[]>`select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = ${ADVISORY_LOCKS.migrations} and not granted`)[0]!.n === 1,
        { timeoutMs: 20_000 },
      );
      const [{ exists } = { exists: true }] = await observer<{ exists: boolean }[]>`select exists (select 1 from pg_namespace where nspname = 'drizzle') as exists`;
      expect(exists).toBe(false);
      // The lock holder is a start that migrates, then lets go.
      const first = createDatabase(db.url, 1);
      await migrate(first.db, { migrationsFolder: path.resolve(process.cwd(), "drizzle") });
      await first.sql.end();
    } finally {
      await holder.end();
    }
    try {
      expect(await migrating.exited).toBe(0);
      expect(await appliedCount(observer)).toBe(journal.entries.length);
    } finally {
      await endTsProcess(migrating);
      await observer.end();
      await db.drop();
    }
  });
});
