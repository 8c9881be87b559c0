/**
 * Micro-benchmark of the rate-limit counters: CPU per counted request in this process (the
 * gateway's side) and in the PostgreSQL backend serving it, at a steady ~5,000 requests/s
 * spread over 1,000 clients, for
 * - the batched counters (what the gateway uses): PostgreSQL and Redis;
 * - one store round trip per request (`consume`), for comparison: PostgreSQL and Redis.
 * An empty run of the same driver loop is subtracted. Then the whole plugin: CPU per request of
 * a bare Fastify answering /api/ping through `inject`, with the plugin on its batched
 * PostgreSQL counters and without it (the difference is what the plugin costs).
 *
 *   npx tsx bench/rate-limit-store.ts
 *
 * A scratch database is created on DATABASE_URL's server (or an embedded one) and dropped.
 * REDIS_URL (default redis://127.0.0.1:6379) for the Redis runs; BENCH_RL_SECONDS (default 5)
 * BENCH_RL_RATE (default 5000) and BENCH_RL_CLIENTS (default 1000) set the length, the rate and
 * the number of distinct clients (keys) of each run.
 */
import fs from "node:fs";
import Fastify from "fastify";
import { apiRateLimitPlugin } from "../src/gateway/rate-limit";
import type { RequestIdentity } from "../src/gateway/types";
import { createDatabase } from "../src/server/db/client";
import { PostgresCounterBackend, RedisCounterBackend, SharedCounters, type CounterBackend } from "../src/server/rate-limit";
import { createTestDatabase } from "../test/test-database";

const SECONDS = Number(process.env.BENCH_RL_SECONDS ?? 5);
const RATE = Number(process.env.BENCH_RL_RATE ?? 5_000);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const CLIENTS = Number(process.env.BENCH_RL_CLIENTS ?? 1_000);
const TICK_MS = 10;
const WINDOW_MS = 60_000;
const CLOCK_TICK_MS = 10; // /proc CPU times are in 1/100 s on Linux

/** CPU time (ms) a PostgreSQL backend has used so far, from /proc (this machine's server only). */
function backendCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
  } catch {
    return undefined;
  }
}

type Result = { name: string; requests: number; seconds: number; nodeUsPerRequest: number; postgresUsPerRequest?: number; statements?: number };

/** Drives `count(key)` at RATE for SECONDS; returns this process's CPU (µs) and the requests made. */
async function drive(count: (key: string) => unknown): Promise<{ cpuUs: number; requests: number; seconds: number }> {
  const perTick = Math.round((RATE * TICK_MS) / 1000);
  const started = performance.now();
  const cpu = process.cpuUsage();
  let requests = 0;
  let client = 0;
  const inFlight: Promise<unknown>[] = [];
  while (performance.now() - started < SECONDS * 1000) {
    const tickStart = performance.now();
    for (let i = 0; i < perTick; i++) {
      const result = count(`bench:${CLIENTS}:ip:10.0.${client % 250}.${Math.floor(client / 250)}`);
      if (result instanceof Promise) inFlight.push(result);
      client = (client + 1) % CLIENTS;
      requests++;
    }
    if (inFlight.length > 0) await Promise.all(inFlight.splice(0));
    const left = TICK_MS - (performance.now() - tickStart);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, left)));
  }
  const used = process.cpuUsage(cpu);
  return { cpuUs: used.user + used.system, requests, seconds: (performance.now() - started) / 1000 };
}

/** CPU per request (µs) of a bare Fastify's /api/ping through inject, with and without the plugin. */
async function pluginCost(backend: CounterBackend): Promise<{ withUs: number; withoutUs: number }> {
  const requests = 20_000;
  async function run(withPlugin: boolean): Promise<number> {
    const app = Fastify();
    app.decorateRequest("identity", null as unknown as RequestIdentity);
    app.addHook("onRequest", async (request) => {
      request.identity = {};
    });
    if (withPlugin) await app.register(apiRateLimitPlugin, { counters: new SharedCounters(backend), perMinute: () => 1_000_000, keyPrefix: "bench-plugin:" });
    app.get("/api/ping", async () => ({ pong: true }));
    await app.ready();
    const send = (i: number) => app.inject({ url: "/api/ping", remoteAddress: `10.1.${i % CLIENTS % 250}.${Math.floor((i % CLIENTS) / 250)}` });
    for (let i = 0; i < 2_000; i++) await send(i); // warm-up
    const cpu = process.cpuUsage();
    for (let i = 0; i < requests; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => send(i + j)));
    const used = process.cpuUsage(cpu);
    await app.close();
    return (used.user + used.system) / requests;
  }
  const withoutUs = await run(false);
  const withUs = await run(true);
  return { withUs, withoutUs };
}

async function main() {
  const database = await createTestDatabase("shopflow_bench_rl");
  // One connection: every statement of the run goes to one backend, whose CPU /proc tells.
  const { sql, db } = createDatabase(database.url, 1);
  const [backend] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
  const pid = backend!.pid;
  const postgresPid = fs.existsSync(`/proc/${pid}`) ? pid : undefined;
  let statements = 0;
  const counted = (backend: CounterBackend): CounterBackend => ({
    add: (deltas) => ((statements += 1), backend.add(deltas)),
    consume: (...args) => ((statements += 1), backend.consume(...args)),
    inspect: (...args) => backend.inspect(...args),
    remove: (key) => backend.remove(key),
    sweep: () => backend.sweep(),
    close: () => backend.close(),
  });

  const baseline = await drive(() => undefined);
  const baseUs = baseline.cpuUs / baseline.requests;
  const results: Result[] = [];

  async function measure(name: string, backend: CounterBackend, mode: "batched" | "per-request") {
    const counters = new SharedCounters(counted(backend), { flushIntervalMs: 200 });
    statements = 0;
    const pgBefore = backendCpuMs(postgresPid);
    const run = await drive(mode === "batched" ? (key) => counters.hit(key, WINDOW_MS) : (key) => counters.consume(`${key}:now`, WINDOW_MS));
    await counters.flush();
    const pgAfter = backendCpuMs(postgresPid);
    const onPostgres = name.includes("PostgreSQL") && pgBefore !== undefined && pgAfter !== undefined;
    results.push({
      name,
      requests: run.requests,
      seconds: Math.round(run.seconds * 10) / 10,
      nodeUsPerRequest: Math.round((run.cpuUs / run.requests - baseUs) * 10) / 10,
      postgresUsPerRequest: onPostgres ? Math.round((((pgAfter! - pgBefore!) * 1000) / run.requests) * 10) / 10 : undefined,
      statements,
    });
  }

  const redis = () => new RedisCounterBackend(REDIS_URL, `bench:${process.pid}:`);
  await measure("batched, PostgreSQL", new PostgresCounterBackend(() => db), "batched");
  await measure("batched, Redis", redis(), "batched");
  await measure("per request, PostgreSQL", new PostgresCounterBackend(() => db), "per-request");
  await measure("per request, Redis", redis(), "per-request");

  const plugin = await pluginCost(new PostgresCounterBackend(() => db));

  console.log(`rate-limit counters: ~${RATE} req/s over ${CLIENTS} clients, ${SECONDS} s per run; driver loop ${baseUs.toFixed(1)} µs/request subtracted`);
  console.table(results);
  console.log(`whole plugin (batched PostgreSQL, ${CLIENTS} clients): ${plugin.withUs.toFixed(1)} µs/request with, ${plugin.withoutUs.toFixed(1)} without: +${(plugin.withUs - plugin.withoutUs).toFixed(1)} µs`);
  await sql.end();
  await database.drop();
  process.exit(0);
}

await main();
