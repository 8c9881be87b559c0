import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres } from "../src/server/db/embedded";
import { runMigrations } from "../src/server/db/migrate";

/**
 * A throwaway PostgreSQL database for one test run: created on DATABASE_URL's server when it
 * is set, else on an embedded server in a temp folder; migrated; dropped at the end.
 */
export type TestDatabase = { url: string; adminUrl: string; drop: () => Promise<void> };

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createTestDatabase(prefix = "shopflow_test"): Promise<TestDatabase> {
  let adminUrl = process.env.TEST_ADMIN_DATABASE_URL ?? process.env.DATABASE_URL;
  let stopServer: (() => Promise<void>) | undefined;
  let tempDir: string | undefined;
  if (!adminUrl) {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "shopflow-pg-"));
    fs.chmodSync(tempDir, 0o755);
    const server = await startEmbeddedPostgres({ dataDir: path.join(tempDir, "data"), database: "postgres" });
    adminUrl = server.url;
    stopServer = server.stop;
  }
  const name = `${prefix}_${Date.now()}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  await runMigrations(url);
  return {
    url,
    adminUrl,
    drop: async () => {
      const sql = postgres(adminUrl!, { max: 1, onnotice: () => {} });
      await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await sql.end();
      await stopServer?.();
      if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
    },
  };
}

/** Another empty, migrated database on the same server (for tests that need a clean slate). */
export async function createScratchDatabase(adminUrl: string, prefix = "shopflow_scratch"): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now()}_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  await runMigrations(url);
  return {
    url,
    drop: async () => {
      const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await sql.end();
    },
  };
}
