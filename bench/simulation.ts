/**
 * `BENCH_ONLY=simulation npm run bench`: how fast the simulation generator plays order lives
 * through the real operations. A fresh embedded PostgreSQL gets the demo seed and the usual
 * history (loadBenchData: BENCH_ORDERS orders); the simulation time scale is set to its maximum;
 * then the worker role starts exactly as `npm start` starts it (scripts/role.ts --role worker,
 * scheduler in local mode) beside the gateway role (the simulated gateway's notifications, which
 * settle refunds, arrive at its /api/payments/notify). A run of BENCH_SIM_ORDERS (30,000) orders
 * for BENCH_SIM_SHOPPERS (1,000) shoppers in batches of BENCH_SIM_BATCH (100, the largest the form
 * takes), pacing `fast`, the admin form's default outcome mix, is
 * started through `startSimulation` (what `adminSimulation.start` calls), and the bench watches:
 * - orders generated per second (the run's checkout and script done, from its start to its end);
 * - order lives per second: orders in their final state (completed, cancelled, refunded, closed,
 *   or for a delivery exception the shipment's exception) from the run's start until the last;
 * - worker, gateway and PostgreSQL CPU per order life.
 * The run is long enough for its pace to be what a long run's is: every life takes at least
 * the payment window's real floor (10 s) plus the sweeps' cadence to end, so a run's first and
 * last ~20 s end few lives whatever the machine does. In a run of 2,000 those take half its
 * time; in one of 10,000 about a fifth (its whole-run figure 5–10 % under its pace while
 * generating), in one of 30,000 (nine minutes) a fifteenth, and a million-order run none to
 * speak of. The pace while generating, after the first 30 s, is printed beside the whole run's.
 * Needs no build (no web process). BENCH_SIM_TIMEOUT (seconds, 900) bounds the wait for the last
 * life. BENCH_PROFILE=<dir> runs the worker under `node --cpu-prof` (then not a measurement).
 * BENCH_SIM_STATEMENTS=<file> loads pg_stat_statements and writes there, after the run, every
 * statement the run sent with its calls per life and PostgreSQL time per life, most called first
 * (the statistics cost PostgreSQL some CPU: then not a measurement either).
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
import { ZSimulationSettings, simulationSettings, type OutcomeMix } from "../src/server/domain/simulation";
import { hashPassword } from "../src/server/domain/user/password";
import { ROOT, SERVER_NODE_FLAGS, stopChild } from "../scripts/lib";
import { loadBenchData } from "./load";
import { cpuBetween, sampleCpu } from "./proc";

/** The performance issue's target: order lives per second at the maximum time scale. */
export const SIMULATION_TARGET_LIVES_PER_S = 50;

/** The admin form's default mix (src/components/simulation/simulation-form.tsx). */
export const DEFAULT_OUTCOME_MIX: OutcomeMix = { paid: 50, failed_then_paid: 10, abandoned: 15, cancelled: 10, refunded: 10, delivery_exception: 5 };

export type SimulationBenchResult = {
  scenario: "simulation";
  historyOrders: number;
  orders: number;
  shoppers: number;
  batchSize: number;
  timeScale: number;
  /** Seconds from the run's start until its last batch was recorded. */
  generateS: number;
  generatedPerS: number;
  ordersFailed: number;
  /** Why orders failed (the error code the run recorded), most frequent first. */
  failures: Record<string, number>;
  /** Seconds from the run's start until the last order reached its final state (or the timeout). */
  livesS: number;
  livesEnded: number;
  livesPerS: number;
  /** Final states reached, by the order's status (a delivery exception counts as `exception`). */
  finalStates: Record<string, number>;
  /** Lives ended per second in each 10-second window from the start: where the pace sags. */
  livesTimeline: number[];
  /** Lives ended per second from 30 s after the start until the last batch (null for a run too short to tell). */
  livesPerSWhileGenerating: number | null;
  workerCpuMsPerLife: number;
  gatewayCpuMsPerLife: number;
  postgresCpuMsPerLife: number;
  target: string;
  met: boolean;
  loadAverage: { start: number; end: number };
};

const log = (message: string) => console.log(`[bench] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The largest time scale the settings accept (the form's and the API's maximum). */
export function maxTimeScale(): number {
  const field = ZSimulationSettings.shape.timeScale.unwrap();
  const max = field.maxValue;
  if (max === null || !Number.isFinite(max)) throw new Error("the time scale setting has no maximum");
  return max;
}

/** The run's orders that have reached their final state, by state (read-only: the bench's measurement). */
async function finalStates(sql: postgres.Sql, runId: string): Promise<Record<string, number>> {
  const rows = await sql<{ state: string; n: number }[]>`
    select case when o.status in ('completed', 'cancelled', 'refunded', 'closed') then o.status::text
                when s.status in ('exception', 'returned_to_sender', 'lost') then 'exception'
                else 'in-flight' end as state,
           count(*)::int as n
    from simulation_orders so
    join orders o on o.id = so.order_id
    left join shipments s on s.order_id = o.id
    where so.run_id = ${runId}
    group by 1`;
  return Object.fromEntries(rows.filter((r) => r.state !== "in-flight").map((r) => [r.state, r.n]));
}

/** Every statement since the reset, per order life: calls, rows and PostgreSQL's execution time, most called first. */
async function writeStatements(sql: postgres.Sql, file: string, lives: number) {
  const rows = await sql<{ calls: number; rows: number; ms: number; query: string }[]>`
    select calls::int, rows::int, total_exec_time::float8 as ms, query from pg_stat_statements
    where query not ilike '%pg_stat_statements%' order by calls desc`;
  const total = rows.reduce((sum, r) => sum + r.calls, 0);
  const lines = [`${total} statements, ${(total / lives).toFixed(1)} per life over ${lives} lives`, "calls/life  rows/life  exec ms/life  statement"];
  for (const r of rows) {
    lines.push(`${(r.calls / lives).toFixed(2).padStart(10)} ${(r.rows / lives).toFixed(2).padStart(10)} ${(r.ms / lives).toFixed(3).padStart(13)}  ${r.query.replace(/\s+/g, " ").slice(0, 400)}`);
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, lines.join("\n") + "\n");
  log(`${total} statements (${(total / lives).toFixed(1)} per life) written to ${file}`);
}

function startRole(role: "worker" | "gateway", { env, logFd, flags }: { env: NodeJS.ProcessEnv; logFd: number; flags: string[] }): ChildProcess {
  return spawn(process.execPath, [...flags, "--import", "tsx", path.join(ROOT, "scripts", "role.ts"), "--role", role], {
    cwd: ROOT,
    stdio: ["ignore", logFd, logFd],
    env: { ...env, SHOPFLOW_ROLE: role },
  });
}

export async function runSimulationBench({
  historyOrders,
  shoppers: historyShoppers,
  simOrders,
  simShoppers,
  batchSize,
  timeoutS,
  port,
  pgPort,
}: {
  historyOrders: number;
  shoppers: number;
  simOrders: number;
  simShoppers: number;
  batchSize: number;
  timeoutS: number;
  port: number;
  pgPort: number;
}): Promise<SimulationBenchResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "shopflow-bench-"));
  fs.chmodSync(dataDir, 0o755);
  const statementsFile = process.env.BENCH_SIM_STATEMENTS ? path.resolve(process.env.BENCH_SIM_STATEMENTS) : undefined;
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dataDir, "postgres"),
    port: pgPort,
    postgresFlags: statementsFile ? ["-c", "shared_preload_libraries=pg_stat_statements", "-c", "pg_stat_statements.track=all", "-c", "pg_stat_statements.max=10000"] : [],
  });
  const children: ChildProcess[] = [];
  try {
    log(`PostgreSQL ready; migrating, seeding, loading ${historyOrders} orders of history…`);
    await runMigrations(pg.url);
    const { sql: dbSql, db } = createDatabase(pg.url, 2);
    await seedDemoData(db);
    const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
    await loadBenchData(sql, { orders: historyOrders, shoppers: historyShoppers, passwordHash: await hashPassword("bench-password-1") });
    const [admin] = await sql<{ id: string }[]>`select id from users where role = 'admin' order by created_at limit 1`;
    if (!admin) throw new Error("the demo seed made no admin");
    // The simulated gateway is one client posting thousands of notifications a minute to the
    // gateway role: under the default allowance (1,000 a minute per address) half of them were
    // refused with 429 at least once and retried 5 s and 15 s later. Raised as for the other scenarios' load
    // generators, so the figure is the simulation's, not the limiter's (docs/performance.md).
    await sql`insert into app_settings (namespace, value) values ('api', ${sql.json({ requestsPerMinute: 1_000_000 })})
      on conflict (namespace) do update set value = excluded.value`;
    const timeScale = maxTimeScale();
    await simulationSettings.update(db, { timeScale }, admin.id);

    const logFile = path.join(dataDir, "roles.log");
    const logFd = fs.openSync(logFile, "a");
    const base = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: pg.url,
      ...(pg.socketDir ? { DATABASE_SOCKET_DIR: pg.socketDir } : {}),
      PORT: String(port),
      // The web role is not started: pages would answer 502, which no measured path asks for.
      WEB_PORT: String(port + 1),
      NODE_ENV: "production",
      SCHEDULER_MODE: "local",
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      GATEWAY_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: base,
    };
    const profileDir = process.env.BENCH_PROFILE ? path.resolve(process.env.BENCH_PROFILE) : undefined;
    if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
    const workerFlags = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
    const gateway = startRole("gateway", { env, logFd, flags: SERVER_NODE_FLAGS });
    children.push(gateway);
    const worker = startRole("worker", { env: { ...env, METRICS_PORT: String(port + 3) }, logFd, flags: workerFlags });
    children.push(worker);
    const alive = () => {
      for (const child of children) if (child.exitCode !== null) throw new Error(`a role exited with code ${child.exitCode} (see ${logFile})`);
    };
    for (const deadline = Date.now() + 120_000; ; ) {
      alive();
      const ok = await fetch(`${base}/api/ready`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error("the gateway did not become ready within 2 minutes");
      await sleep(250);
    }
    // Let the worker take the scheduler leadership and its first sweeps run before the clock starts.
    await sleep(5_000);
    alive();
    log(`worker (pid ${worker.pid}) and gateway (pid ${gateway.pid}) up, log ${logFile}; time scale ${timeScale}; starting ${simOrders} orders for ${simShoppers} shoppers…`);

    const { startSimulation } = await import("../src/server/flows/simulation-run");
    if (statementsFile) {
      await sql`create extension if not exists pg_stat_statements`;
      await sql`select pg_stat_statements_reset()`;
    }
    const loadAtStart = os.loadavg()[0]!;
    const before = sampleCpu(worker.pid!, process.pid);
    const gatewayBefore = sampleCpu(gateway.pid!, process.pid);
    const startedAt = Date.now();
    const run = await startSimulation(db, {
      adminId: admin.id,
      executor: "local",
      input: { shoppers: simShoppers, orders: simOrders, mix: DEFAULT_OUTCOME_MIX, pacing: "fast", batchSize },
    });

    let generateS = 0;
    let ordersFailed = 0;
    /** Orders the run placed (a failed script may still have placed one, which lives on). */
    let livesExpected = simOrders;
    let states: Record<string, number> = {};
    const timeline: number[] = [];
    let lastWindowEnded = 0;
    let nextWindowAt = startedAt + 10_000;
    const ended = (s: Record<string, number>) => Object.values(s).reduce((a, b) => a + b, 0);
    for (;;) {
      alive();
      await sleep(1_000);
      const [row] = await sql<{ status: string; ordersCreated: number; ordersFailed: number; finishedAt: Date | null }[]>`
        select status, orders_created as "ordersCreated", orders_failed as "ordersFailed", finished_at as "finishedAt" from simulation_runs where id = ${run.id}`;
      if (!row) throw new Error("the run disappeared");
      if (row.status === "failed" || row.status === "cancelled") throw new Error(`the run ended ${row.status} (see ${logFile})`);
      if (row.status === "completed" && !generateS) {
        generateS = (row.finishedAt!.getTime() - startedAt) / 1000;
        ordersFailed = row.ordersFailed;
        const [placed] = await sql<{ n: number }[]>`select count(*)::int as n from simulation_orders where run_id = ${run.id} and order_id is not null`;
        livesExpected = placed!.n;
        log(`generated ${row.ordersCreated} orders (${row.ordersFailed} failed) in ${generateS.toFixed(1)} s`);
      }
      states = await finalStates(sql, run.id);
      const now = Date.now();
      if (now >= nextWindowAt) {
        timeline.push((ended(states) - lastWindowEnded) / 10);
        lastWindowEnded = ended(states);
        nextWindowAt += 10_000;
        log(`  ${((now - startedAt) / 1000).toFixed(0)} s: ${ended(states)} lives ended ${JSON.stringify(states)}`);
      }
      if (generateS && ended(states) >= livesExpected) break;
      if (now - startedAt > timeoutS * 1000) {
        log(`timed out after ${timeoutS} s with ${ended(states)} of ${livesExpected} lives ended`);
        break;
      }
    }
    const livesS = (Date.now() - startedAt) / 1000;
    const failureRows = await sql<{ code: string; n: number }[]>`
      select split_part(error, ':', 1) as code, count(*)::int as n from simulation_orders
      where run_id = ${run.id} and stage = 'failed' group by 1 order by 2 desc`;
    const spent = cpuBetween(before, sampleCpu(worker.pid!, process.pid));
    const gatewaySpent = cpuBetween(gatewayBefore, sampleCpu(gateway.pid!, process.pid));
    const loadAtEnd = os.loadavg()[0]!;
    if (statementsFile) await writeStatements(sql, statementsFile, Math.max(ended(states), 1));
    await sql.end();
    await dbSql.end();

    const livesEnded = ended(states);
    const livesPerS = livesEnded / livesS;
    const whileGenerating = paceWhileGenerating(timeline, generateS);
    const per = Math.max(livesEnded, 1);
    return {
      scenario: "simulation",
      historyOrders,
      orders: simOrders,
      shoppers: simShoppers,
      batchSize,
      timeScale,
      generateS,
      generatedPerS: generateS ? (simOrders - ordersFailed) / generateS : 0,
      ordersFailed,
      failures: Object.fromEntries(failureRows.map((r) => [r.code, r.n])),
      livesS,
      livesEnded,
      livesPerS,
      finalStates: states,
      livesTimeline: timeline,
      livesPerSWhileGenerating: whileGenerating,
      workerCpuMsPerLife: spent.serverMs / per,
      gatewayCpuMsPerLife: gatewaySpent.serverMs / per,
      postgresCpuMsPerLife: spent.postgresMs / per,
      target: `≥ ${SIMULATION_TARGET_LIVES_PER_S} order lives/s`,
      // The whole run's pace includes the catch-up after the last batch, when the sweeps have the
      // machine to themselves; a long run never gets there, so the pace while generating counts too.
      met:
        livesPerS >= SIMULATION_TARGET_LIVES_PER_S &&
        (whileGenerating === null || whileGenerating >= SIMULATION_TARGET_LIVES_PER_S) &&
        livesEnded >= livesExpected &&
        ordersFailed === 0,
      loadAverage: { start: loadAtStart, end: loadAtEnd },
    };
  } finally {
    // The gateway first (nothing new arrives), then the worker; each is given time to finish.
    for (const child of children) await stopChild(child);
    await pg.stop();
    if (process.env.BENCH_KEEP !== "1") fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Lives per second over the whole 10-second windows between 30 s and the last batch. */
export function paceWhileGenerating(timeline: number[], generateS: number): number | null {
  const windows = timeline.slice(3, Math.floor(generateS / 10));
  return windows.length >= 3 ? windows.reduce((a, b) => a + b, 0) / windows.length : null;
}

export function printSimulationBench(r: SimulationBenchResult) {
  const verdict = r.met ? "pass" : "FAIL";
  console.log(`\nsimulation: ${r.orders} orders for ${r.shoppers} shoppers (batches of ${r.batchSize}), default mix, time scale ${r.timeScale}, ${r.historyOrders} orders of history`);
  console.log(`  load average     ${r.loadAverage.start.toFixed(2)} → ${r.loadAverage.end.toFixed(2)} (1 min, ${os.cpus().length} cores)`);
  console.log(`  generated        ${r.generatedPerS.toFixed(1)} orders/s (${r.orders - r.ordersFailed} in ${r.generateS.toFixed(1)} s, ${r.ordersFailed} failed${r.ordersFailed ? ` ${JSON.stringify(r.failures)}` : ""})`);
  console.log(`  order lives      ${r.livesPerS.toFixed(1)} /s   (target ≥ ${SIMULATION_TARGET_LIVES_PER_S}: ${verdict}; ${r.livesEnded} ended in ${r.livesS.toFixed(1)} s)`);
  if (r.livesPerSWhileGenerating !== null) console.log(`  while generating ${r.livesPerSWhileGenerating.toFixed(1)} lives/s (from 30 s until the last batch)`);
  console.log(`  final states     ${JSON.stringify(r.finalStates)}`);
  console.log(`  lives/s per 10 s ${r.livesTimeline.map((v) => v.toFixed(1)).join(" ")}`);
  console.log(`  CPU per life     worker ${r.workerCpuMsPerLife.toFixed(1)} ms, gateway ${r.gatewayCpuMsPerLife.toFixed(1)} ms, PostgreSQL ${r.postgresCpuMsPerLife.toFixed(1)} ms`);
  console.log(`  1M orders at this pace: ${(1_000_000 / Math.max(r.livesPerS, 0.001) / 3600).toFixed(1)} h`);
  console.log("");
}
