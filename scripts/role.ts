/**
 * One shopflow process, in the role named by `--role <name>` (or SHOPFLOW_ROLE):
 * - `gateway`: the HTTP edge (src/gateway) on PORT, proxying pages to the web role;
 * - `web`: Next.js, plain `next start` (or `next dev` with --dev) on WEB_PORT, 127.0.0.1 only;
 * - `worker`: the background work — the scheduler's sweeps and the outbox relay.
 * `npm start` (scripts/start.ts) runs one of each; an operator may run more gateways (and
 * workers) against the same database. Expects a migrated database at DATABASE_URL.
 */
import "./load-env-file";
import { spawn } from "node:child_process";
import { loadEnv } from "../src/env";
import { NEXT_BIN, NEXT_NODE_FLAGS, ROOT, stopChild } from "./lib";

/** How long Next may take to stop before it is killed: under onStopSignal's 8 s. */
const NEXT_STOP_GRACE_MS = 6_000;

export const ROLES = ["gateway", "web", "worker"] as const;
export type Role = (typeof ROLES)[number];

export function roleFrom(argv: string[], environment: Record<string, string | undefined>): Role {
  const flag = argv.find((arg) => arg.startsWith("--role="))?.slice("--role=".length) ?? argv[argv.indexOf("--role") + 1];
  const wanted = (argv.includes("--role") || argv.some((a) => a.startsWith("--role=")) ? flag : undefined) ?? environment.SHOPFLOW_ROLE;
  if (!ROLES.includes(wanted as Role)) {
    throw new Error(`Say which role to run: --role ${ROLES.join("|")} (or SHOPFLOW_ROLE); got ${wanted ? `"${wanted}"` : "nothing"}`);
  }
  return wanted as Role;
}

const dev = process.argv.includes("--dev");

/**
 * Stops on SIGTERM/SIGINT, or when the supervisor that started this process is gone (its IPC
 * channel closes, even if it was killed outright): `stop` gets a few seconds to finish what is
 * in flight.
 */
function onStopSignal(stop: () => Promise<void> | void) {
  let stopping = false;
  const handler = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(0), 8_000).unref();
    void Promise.resolve(stop()).finally(() => process.exit(0));
  };
  process.on("SIGTERM", handler);
  process.on("SIGINT", handler);
  process.on("disconnect", handler);
}

async function runGateway() {
  const env = loadEnv();
  const [{ buildGateway }, { closeDb, getDb, statementDbFor }, { setMetricsRole, watchOutbox }, { startProcessMonitoring }] = await Promise.all([
    import("../src/gateway/build-gateway"),
    import("../src/server/db/client"),
    import("../src/server/observability/metrics"),
    import("../src/server/domain/monitoring"),
  ]);
  setMetricsRole("gateway");
  watchOutbox(getDb);
  // Heartbeats and the request statistics of Admin → Monitoring, on the small statement pool.
  const monitoring = startProcessMonitoring({ role: "gateway", getDb: () => statementDbFor(getDb()), heartbeatMs: env.MONITORING_HEARTBEAT_MS, flushMs: env.MONITORING_FLUSH_MS });
  const app = await buildGateway({
    nextUpstream: `http://127.0.0.1:${env.WEB_PORT}`,
    trustProxy: env.TRUST_PROXY,
    // Benchmarks only: what the gateway costs without rate limits, metrics and access log.
    bare: process.env.BENCH_BARE_GATEWAY === "1",
  });
  onStopSignal(async () => {
    await app.close();
    await monitoring.stop();
    const { closeSharedCounters } = await import("../src/gateway/rate-limit");
    await closeSharedCounters();
    await closeDb();
    const { closeProcessLogStore } = await import("../src/server/observability/logger");
    await closeProcessLogStore();
  });
  // All interfaces, like `next start` (HOST narrows it; HOSTNAME is not read: containers set it).
  await app.listen({ port: env.PORT, host: process.env.HOST ?? "0.0.0.0" });
}

/** Node's arguments for Next: `next start` (or `next dev`) on WEB_PORT. */
function nextArguments(): string[] {
  const env = loadEnv();
  // Next binds the loopback address only: the gateway is its one caller and vouches for the
  // client address it forwards (x-shopflow-client-ip).
  // Benchmarks only: more Node flags for Next, e.g. --cpu-prof (which Node refuses in NODE_OPTIONS).
  const profile = process.env.BENCH_WEB_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
  return dev ? [NEXT_BIN, "dev", "-p", String(env.WEB_PORT), "-H", "127.0.0.1"] : [...NEXT_NODE_FLAGS, ...profile, NEXT_BIN, "start", "-p", String(env.WEB_PORT), "-H", "127.0.0.1"];
}

/** The web role: Next as a child, stopped with this process (`args` replaces Next in tests). */
export function runWeb(args: string[] = nextArguments()) {
  const next = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, SHOPFLOW_ROLE: "web", NODE_ENV: dev ? "development" : "production" },
  });
  next.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  // Next gets a grace period shorter than this role's own (onStopSignal exits after 8 s), then
  // SIGKILL: a role that exited first would leave a busy Next behind, holding its port.
  onStopSignal(() => stopChild(next, NEXT_STOP_GRACE_MS));
}

async function runWorker() {
  // src/worker/main.ts stops on SIGTERM; a supervisor gone without a word counts as one.
  process.on("disconnect", () => process.emit("SIGTERM"));
  await import("../src/worker/main");
}

async function main() {
  const role = roleFrom(process.argv.slice(2), process.env);
  process.env.SHOPFLOW_ROLE = role;
  if (role === "gateway") await runGateway();
  else if (role === "web") runWeb();
  else await runWorker();
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("role.ts")) {
  main().catch((error: unknown) => {
    console.error(JSON.stringify({ level: 60, time: new Date().toISOString(), service: "shopflow", role: process.env.SHOPFLOW_ROLE, msg: error instanceof Error ? error.message : String(error) }));
    process.exit(1);
  });
}
