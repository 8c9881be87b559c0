/**
 * `npm start`: one command from a fresh clone to a running shop.
 * Starts PostgreSQL (embedded unless DATABASE_URL is set), applies migrations, loads the demo
 * data, builds Next.js if needed and serves it beside the worker (src/worker/main.ts, the
 * scheduled sweeps). Ctrl-C (or SIGTERM) stops Next and the worker, then PostgreSQL.
 * `--dev` runs `next dev` instead (and the Inngest Dev Server beside it when installed).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { loadEnv } from "../src/env";
import { createDatabase } from "../src/server/db/client";
import { runMigrations } from "../src/server/db/migrate";
import { seedDemoData } from "../src/server/db/seed";
import { DEMO_ACCOUNTS } from "../src/server/db/seed/catalog-data";
import { DATA_DIR, NEXT_BIN, ROOT, SERVER_NODE_FLAGS, ensureDatabase, ensureLocalSecrets, run, stopChild } from "./lib";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

async function main() {
  ensureLocalSecrets();
  const embedded = await ensureDatabase();
  const children: ChildProcess[] = [];
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(children.map((child) => stopChild(child)));
    await embedded?.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    loadEnv();
    await runMigrations(process.env.DATABASE_URL!);
    if (process.env.SEED_DEMO !== "0") {
      const { sql, db } = createDatabase(process.env.DATABASE_URL!, 2);
      await seedDemoData(db);
      await sql.end();
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown(1);
    return;
  }

  if (!dev && !fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    console.log("Building the app (first start only)…");
    const code = await run(process.execPath, [NEXT_BIN, "build"], { env: { ...process.env, NODE_ENV: "production" } });
    if (code !== 0) return shutdown(code);
  }

  // `npm run dev` starts the Inngest Dev Server beside Next when the optional inngest-cli is
  // installed; the app then runs in Inngest mode. Without it, the in-process scheduler does the work.
  const inngestCli = path.join(ROOT, "node_modules", ".bin", process.platform === "win32" ? "inngest-cli.cmd" : "inngest-cli");
  const withInngest = dev && !process.env.INNGEST_BASE_URL && fs.existsSync(inngestCli);
  if (withInngest) {
    const devServer = spawn(inngestCli, ["dev", "-u", `http://localhost:${port}/api/inngest`, "--no-discovery"], { cwd: ROOT, stdio: "inherit" });
    children.push(devServer);
    console.log("  Inngest Dev Server: http://localhost:8288");
  }

  // Production: our own Node server (scripts/serve.ts) in front of Next's handler; dev: `next dev`.
  const command = dev ? [NEXT_BIN, "dev", "-p", String(port)] : [...SERVER_NODE_FLAGS, "--import", "tsx", path.join(ROOT, "scripts", "serve.ts")];
  const next = spawn(process.execPath, command, {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: dev ? "development" : "production", ...(withInngest ? { INNGEST_DEV: "1" } : {}) },
  });
  children.push(next);
  next.on("exit", (code) => void shutdown(code ?? 0));

  // The worker role: the scheduled sweeps and the outbox relay (Next no longer starts them).
  const worker = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src", "worker", "main.ts")], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: dev ? "development" : "production", ...(withInngest ? { INNGEST_DEV: "1" } : {}) },
  });
  children.push(worker);
  worker.on("exit", (code) => void shutdown(code ?? 0));

  console.log(`\n  shopflow is starting at ${process.env.NEXTAUTH_URL}`);
  console.log(`  database: ${embedded ? `embedded PostgreSQL (${path.relative(ROOT, path.join(DATA_DIR, "postgres"))})` : "DATABASE_URL"}`);
  console.log("  demo logins (demo only, never use in production):");
  for (const account of DEMO_ACCOUNTS) console.log(`    ${account.role.padEnd(8)} ${account.email} / ${account.password}`);
  console.log("");
}

void main();
