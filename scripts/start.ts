/**
 * `npm start`: one command from a fresh clone to a running shop.
 * Starts PostgreSQL (embedded unless DATABASE_URL is set), applies migrations, loads the demo
 * data, builds Next.js if needed, then supervises one process of each role (scripts/role.ts):
 * web (Next, internal), worker (background work) and gateway (the public port). Prints one URL.
 * Ctrl-C (or SIGTERM) stops the gateway, then the others, then PostgreSQL; if one role dies,
 * all stop. `--dev` runs the same topology with reload: `next dev`, and the gateway and worker
 * restarted on change (plus the Inngest Dev Server when the optional inngest-cli is installed).
 */
import "./load-env-file";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { loadEnv } from "../src/env";
import { createDatabase } from "../src/server/db/client";
import { runMigrations } from "../src/server/db/migrate";
import { seedDemoData } from "../src/server/db/seed";
import { DEMO_ACCOUNTS } from "../src/server/db/seed/catalog-data";
import { DATA_DIR, ROOT, SERVER_NODE_FLAGS, ensureDatabase, ensureLocalSecrets, stopChild } from "./lib";
import { restartBudget, superviseRole } from "./supervise";
import { buildNeeded, buildNext } from "./next-build";
import type { Role } from "./role";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
const TSX_CLI = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");

/** Prints for a person at a terminal; a JSON line when the output goes to a log. */
function say(message: string, fields: Record<string, unknown> = {}) {
  if (process.stdout.isTTY) console.log(message);
  else console.log(JSON.stringify({ level: 30, time: new Date().toISOString(), service: "shopflow", role: "supervisor", msg: message.trim(), ...fields }));
}

/**
 * The lines relayed in one turn of the event loop go out in one write: readline hands over a
 * chunk's lines one by one, and a write per line (a system call each when the output is a file
 * or a pipe) cost the supervisor about as much CPU as a third of a small request under load.
 */
let pendingLines: string[] | undefined;
function writeLine(line: string) {
  if (pendingLines) return void pendingLines.push(line);
  pendingLines = [line];
  setImmediate(flushLines);
}
function flushLines() {
  if (!pendingLines) return;
  const lines = pendingLines;
  pendingLines = undefined;
  process.stdout.write(`${lines.join("\n")}\n`);
}

/**
 * Passes a child's output on as JSON lines: its own JSON lines untouched, anything else (Next's
 * plain-text banner and stack traces) wrapped as one JSON line per text line, error level for
 * stderr, so the combined log holds nothing but JSON.
 */
function relay(child: ChildProcess, role: string) {
  const pipe = (stream: NodeJS.ReadableStream | null, level: number) => {
    if (!stream) return;
    readline.createInterface({ input: stream }).on("line", (line) => {
      if (line.startsWith("{") && line.endsWith("}")) return void writeLine(line);
      if (line.trim() === "") return;
      writeLine(JSON.stringify({ level, time: new Date().toISOString(), service: "shopflow", role, msg: line }));
    });
  };
  pipe(child.stdout, 30);
  pipe(child.stderr, 50);
}

/**
 * Benchmarks only: more Node flags for the gateway or the worker (BENCH_GATEWAY_NODE_FLAGS,
 * BENCH_WORKER_NODE_FLAGS), e.g. `--cpu-prof`, which Node refuses in NODE_OPTIONS. The web role
 * passes BENCH_WEB_NODE_FLAGS to Next itself (role.ts).
 */
function benchNodeFlags(role: Role): string[] {
  if (role === "web") return [];
  return process.env[`BENCH_${role.toUpperCase()}_NODE_FLAGS`]?.split(" ").filter(Boolean) ?? [];
}

function startRole(role: Role, env: NodeJS.ProcessEnv): ChildProcess {
  // In dev the gateway and worker restart when their code changes (Next reloads itself).
  // In production, tsx as a loader in the same process (tsx's CLI would add a process of its own).
  const script = [path.join(ROOT, "scripts", "role.ts"), "--role", role, ...(dev ? ["--dev"] : [])];
  const args = dev && role !== "web" ? [TSX_CLI, "watch", "--clear-screen=false", ...script] : [...(role === "gateway" ? SERVER_NODE_FLAGS : []), ...benchNodeFlags(role), "--import", "tsx", ...script];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    // The IPC channel is only a lifeline: a role stops when its supervisor is gone, however it went.
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    // Web and worker serve /metrics on listeners of their own (the gateway on its port).
    env: { ...env, SHOPFLOW_ROLE: role, ...(role === "web" ? { METRICS_PORT: String(port + 2) } : role === "worker" ? { METRICS_PORT: String(port + 3) } : {}) },
  });
  relay(child, role);
  return child;
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs = 180_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

async function main() {
  ensureLocalSecrets();
  const embedded = await ensureDatabase();
  const children: Partial<Record<Role | "inngest", ChildProcess>> = {};
  let stopping = false;

  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    // The gateway first, so nothing new arrives; then the rest.
    if (children.gateway) await stopChild(children.gateway);
    await Promise.all([children.web, children.worker, children.inngest].filter((c): c is ChildProcess => Boolean(c)).map((c) => stopChild(c)));
    await embedded?.stop();
    flushLines();
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

  // Rebuilds when the sources changed since the last build (scripts/next-build.ts), not only the first time.
  const rebuildReason = dev ? null : buildNeeded();
  if (rebuildReason) {
    say(`Building the app (${rebuildReason})…`);
    const code = await buildNext();
    if (code !== 0) return shutdown(code);
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    WEB_PORT: process.env.WEB_PORT ?? String(port + 1),
    NODE_ENV: dev ? "development" : "production",
    // `npm start` without SEED_DEMO is the demo: its published logins work. A production install
    // sets SEED_DEMO=0 (or runs scripts/role.ts), and the demo passwords are refused there.
    SEED_DEMO: process.env.SEED_DEMO ?? "1",
  };
  // `npm run dev` starts the Inngest Dev Server when the optional inngest-cli is installed; the
  // app then runs in Inngest mode. Without it, the worker's in-process scheduler does the work.
  const inngestCli = path.join(ROOT, "node_modules", ".bin", process.platform === "win32" ? "inngest-cli.cmd" : "inngest-cli");
  if (dev && !process.env.INNGEST_BASE_URL && fs.existsSync(inngestCli)) {
    children.inngest = spawn(inngestCli, ["dev", "-u", `http://localhost:${port}/api/inngest`, "--no-discovery"], { cwd: ROOT, stdio: "ignore" });
    env.INNGEST_DEV = "1";
    say("  Inngest Dev Server: http://localhost:8288");
  }

  for (const role of ["web", "worker", "gateway"] as const) {
    superviseRole(() => startRole(role, env), {
      stopping: () => stopping,
      mayRestart: restartBudget(),
      onStart: (child) => (children[role] = child),
      onRestart: (why) => say(`The ${role} process stopped (${why}); starting it again.`, { level: 50 }),
      onGiveUp: (why, code) => {
        say(`The ${role} process stopped (${why}) again, too often to go on; stopping the others.`, { level: 50 });
        void shutdown(code);
      },
    });
  }

  if (!(await waitUntilReady(`http://127.0.0.1:${port}/api/ready`, children.gateway!))) return shutdown(1);
  say(`\n  shopflow is running at ${process.env.NEXTAUTH_URL}`, { url: process.env.NEXTAUTH_URL });
  say(`  processes: gateway :${port} → web 127.0.0.1:${env.WEB_PORT} (Next${dev ? " dev" : ""}), worker; metrics at :${port}/metrics, :${port + 2}/metrics, :${port + 3}/metrics`);
  say(`  database: ${embedded ? `embedded PostgreSQL (${path.relative(ROOT, path.join(DATA_DIR, "postgres"))})` : "DATABASE_URL"}`);
  if (env.SEED_DEMO === "1") {
    say("  demo logins (demo only, never use in production):");
    for (const account of DEMO_ACCOUNTS) say(`    ${account.role.padEnd(8)} ${account.email} / ${account.password}`);
  } else {
    say("  no demo logins: create the first admin with `npm run admin:create -- --email you@example.com`");
  }
  say("");
}

void main();
