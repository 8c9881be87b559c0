/**
 * `BENCH_ONLY=idle-sweeps npm run bench`: what the background work costs with no traffic and
 * many orders in flight. A fresh embedded PostgreSQL gets the demo seed, the usual history
 * (loadBenchData: BENCH_ORDERS orders, one in ten still awaiting payment) and BENCH_IN_FLIGHT
 * (10,000) more orders in flight in every state a sweep looks at, all due after the window
 * (bench/in-flight.ts). Then the worker role starts exactly as `npm start` starts it
 * (scripts/role.ts --role worker: scheduler leadership, every sweep on its cron), and after
 * BENCH_WARMUP seconds (≥ 35, so every sweep has run at least once) the worker's and
 * PostgreSQL's CPU is read from /proc over BENCH_DURATION seconds (≥ 60: two runs of the
 * slowest sweep). Needs no build: no web process, no HTTP. BENCH_PROFILE=<dir> runs the worker
 * under `node --cpu-prof` (summarise with bench/profile-summary.ts --last 60); the profiler's
 * own sampling then counts in the figure, so a profiled run is not a measurement.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { createDatabase } from "../src/server/db/client";
import { startEmbeddedPostgres } from "../src/server/db/embedded";
import { runMigrations } from "../src/server/db/migrate";
import { seedDemoData } from "../src/server/db/seed";
import { SWEEPS } from "../src/server/scheduler/registry";
import { hashPassword } from "../src/server/domain/user/password";
import { ROOT, stopChild } from "../scripts/lib";
import { loadInFlightOrders } from "./in-flight";
import { loadBenchData } from "./load";
import { cpuBetween, sampleCpu } from "./proc";

/** Issue 17's targets, per second of wall time with nothing due. */
export const IDLE_TARGETS = { serverCpuMsPerS: 10, postgresCpuMsPerS: 10 };

export type IdleSweepsResult = {
  scenario: "idle-sweeps";
  inFlight: Record<string, number>;
  historyOrders: number;
  durationS: number;
  serverCpuMsPerS: number;
  postgresCpuMsPerS: number;
  sweeps: { task: string; runs: number; idleRuns: number; avgMs: number | null; maxMs: number | null }[];
  target: string;
  met: boolean;
  /** The machine's 1-minute load average as the window began and ended: figures move with it. */
  loadAverage: { start: number; end: number };
};

const log = (message: string) => console.log(`[bench] ${message}`);

/** Seconds between the last first run of a frequent sweep and the window. */
const SETTLE_S = 5;

/** The sweeps that run at least once a minute (their cron's minute field is `*`): each has a first run before the window. */
const FREQUENT_SWEEPS = SWEEPS.filter((sweep) => sweep.cron.trim().split(/\s+/)[1] === "*").map((sweep) => sweep.id);

/** Resolves once every frequent sweep has finished a run (kept in task_runs, or counted idle). */
async function sweepsCaughtUp(sql: postgres.Sql, worker: ChildProcess, logFile: string): Promise<void> {
  for (;;) {
    if (worker.exitCode !== null) throw new Error(`the worker exited with code ${worker.exitCode} (see ${logFile})`);
    const done = new Set(
      (await sql<{ task: string }[]>`select task_id as task from task_idle_runs union select task_id from task_runs where finished_at is not null`).map((r) => r.task),
    );
    if (FREQUENT_SWEEPS.every((id) => done.has(id))) return;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

export async function runIdleSweeps({
  historyOrders,
  inFlightOrders,
  shoppers,
  warmupS,
  durationS,
  pgPort,
}: {
  historyOrders: number;
  inFlightOrders: number;
  shoppers: number;
  warmupS: number;
  durationS: number;
  pgPort: number;
}): Promise<IdleSweepsResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shopflow-bench-"));
  fs.chmodSync(dataDir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), port: pgPort });
  let worker: ChildProcess | undefined;
  try {
    log(`PostgreSQL ready; migrating, seeding, loading ${historyOrders} orders of history and ${inFlightOrders} in flight…`);
    await runMigrations(pg.url);
    const { sql: seedSql, db } = createDatabase(pg.url, 2);
    await seedDemoData(db);
    await seedSql.end();
    const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
    await loadBenchData(sql, { orders: historyOrders, shoppers, passwordHash: await hashPassword("bench-password-1") });
    const inFlight = await loadInFlightOrders(sql, { orders: inFlightOrders });
    log(`in flight: ${JSON.stringify(inFlight)} (plus ${Math.floor(historyOrders / 10)} unpaid orders of the history, deadline 30 days ahead)`);

    const logFile = path.join(dataDir, "worker.log");
    const logFd = fs.openSync(logFile, "a");
    const profileDir = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : undefined;
    if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
    const profileFlags = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
    // More flags for the worker, e.g. BENCH_WORKER_FLAGS=--trace-gc (its log, kept with BENCH_KEEP=1, shows each collection).
    const extraFlags = process.env.BENCH_WORKER_FLAGS?.split(" ").filter(Boolean) ?? [];
    // BENCH_WORKER_ROOT: the worker of another checkout (the code before a change) on the same
    // data and under the same measurement, for back-to-back comparisons.
    const workerRoot = process.env.BENCH_WORKER_ROOT ? path.resolve(process.env.BENCH_WORKER_ROOT) : ROOT;
    worker = spawn(process.execPath, [...profileFlags, ...extraFlags, "--import", "tsx", path.join(workerRoot, "scripts", "role.ts"), "--role", "worker"], {
      cwd: workerRoot,
      stdio: ["ignore", logFd, logFd],
      env: {
        ...process.env,
        DATABASE_URL: pg.url,
        ...(pg.socketDir ? { DATABASE_SOCKET_DIR: pg.socketDir } : {}),
        NODE_ENV: "production",
        SCHEDULER_MODE: "local",
        NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
        GATEWAY_SECRET: randomBytes(32).toString("base64url"),
        NEXTAUTH_URL: "http://127.0.0.1:9",
      },
    });
    log(`worker started (pid ${worker.pid}, log ${logFile}${workerRoot === ROOT ? "" : `, code of ${workerRoot}`}); ${warmupS} s warm-up, ${durationS} s measured…`);
    const startedAt = Date.now();
    await sweepsCaughtUp(sql, worker, logFile);
    // The first run of a sweep catches up (the ledger's cursor starts two days back: thousands of
    // charges); on a loaded machine the worker takes seconds to start and that run can fall past a
    // fixed warm-up into the window. The window opens once every sweep that runs each minute has
    // finished a run, SETTLE_S later, and never before the warm-up is over.
    await new Promise((resolve) => setTimeout(resolve, Math.max(warmupS * 1000 - (Date.now() - startedAt), SETTLE_S * 1000)));
    if (worker.exitCode !== null) throw new Error(`the worker exited with code ${worker.exitCode} (see ${logFile})`);

    const idleCounts = async () =>
      new Map((await sql<{ task: string; runs: number }[]>`select task_id as task, sum(runs)::int as runs from task_idle_runs group by task_id`).map((r) => [r.task, r.runs]));
    const idleBefore = await idleCounts();
    const windowStart = new Date();
    const loadAtStart = os.loadavg()[0]!;
    const before = sampleCpu(worker.pid!, process.pid);
    await new Promise((resolve) => setTimeout(resolve, durationS * 1000));
    const spent = cpuBetween(before, sampleCpu(worker.pid!, process.pid));
    const loadAtEnd = os.loadavg()[0]!;
    const idleAfter = await idleCounts();
    const kept = await sql<{ task: string; runs: number; avgMs: number; maxMs: number }[]>`
      select task_id as task, count(*)::int as runs, round(avg(duration_ms))::int as "avgMs", max(duration_ms) as "maxMs"
      from task_runs where started_at >= ${windowStart} group by task_id`;
    const tasks = new Set([...kept.map((k) => k.task), ...idleAfter.keys()]);
    const sweeps = [...tasks]
      .map((task) => {
        const k = kept.find((r) => r.task === task);
        return { task, runs: k?.runs ?? 0, idleRuns: (idleAfter.get(task) ?? 0) - (idleBefore.get(task) ?? 0), avgMs: k?.avgMs ?? null, maxMs: k?.maxMs ?? null };
      })
      .sort((a, b) => a.task.localeCompare(b.task));
    await sql.end();

    const serverCpuMsPerS = spent.serverMs / durationS;
    const postgresCpuMsPerS = spent.postgresMs / durationS;
    return {
      scenario: "idle-sweeps",
      inFlight,
      historyOrders,
      durationS,
      serverCpuMsPerS,
      postgresCpuMsPerS,
      sweeps,
      target: `≤ ${IDLE_TARGETS.serverCpuMsPerS} server + ≤ ${IDLE_TARGETS.postgresCpuMsPerS} PostgreSQL CPU ms/s`,
      met: serverCpuMsPerS <= IDLE_TARGETS.serverCpuMsPerS && postgresCpuMsPerS <= IDLE_TARGETS.postgresCpuMsPerS,
      loadAverage: { start: loadAtStart, end: loadAtEnd },
    };
  } finally {
    if (worker) await stopChild(worker);
    await pg.stop();
    if (process.env.BENCH_KEEP !== "1") fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function printIdleSweeps(r: IdleSweepsResult) {
  console.log(`\nidle-sweeps over ${r.durationS} s, no traffic, ${r.historyOrders} orders of history, in flight ${JSON.stringify(r.inFlight)}`);
  const verdict = (value: number, target: number) => (value <= target ? "pass" : "FAIL");
  console.log(`  load average    ${r.loadAverage.start.toFixed(2)} → ${r.loadAverage.end.toFixed(2)} (1 min, ${os.cpus().length} cores)`);
  console.log(`  worker CPU      ${r.serverCpuMsPerS.toFixed(1)} ms/s   (target ≤ ${IDLE_TARGETS.serverCpuMsPerS}: ${verdict(r.serverCpuMsPerS, IDLE_TARGETS.serverCpuMsPerS)})`);
  console.log(`  PostgreSQL CPU  ${r.postgresCpuMsPerS.toFixed(1)} ms/s   (target ≤ ${IDLE_TARGETS.postgresCpuMsPerS}: ${verdict(r.postgresCpuMsPerS, IDLE_TARGETS.postgresCpuMsPerS)})`);
  console.log(`  ${r.met ? "PASS" : "FAIL"}: ${r.target}`);
  console.log("  sweep                                runs kept  avg ms  max ms  idle runs");
  for (const s of r.sweeps) {
    console.log(`  ${s.task.padEnd(36)} ${String(s.runs).padStart(9)}  ${String(s.avgMs ?? "-").padStart(6)}  ${String(s.maxMs ?? "-").padStart(6)}  ${String(s.idleRuns).padStart(9)}`);
  }
  console.log("");
}
