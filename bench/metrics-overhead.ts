/**
 * What the metrics plugin costs per request: two bare Fastify servers with one JSON route,
 * without and with the plugin, driven in this process through fastify.inject in short
 * interleaved batches (off, on, off, on...), so that load from other processes on a shared
 * machine hits both sides alike. Reports CPU µs per request (user + system of this process)
 * for each side and the difference, which is the plugin's cost: the onResponse hook and one
 * histogram observation. (inject's own cost is in both sides and cancels out.)
 *
 * `npx tsx bench/metrics-overhead.ts` — BENCH_BATCHES (200), BENCH_BATCH_SIZE (500).
 */
import Fastify, { type FastifyInstance } from "fastify";
import metricsPlugin from "../src/gateway/plugins/metrics";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

async function bareServer(withMetrics: boolean): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  if (withMetrics) await app.register(metricsPlugin);
  app.get("/api/orders/:id", async () => ({ id: "o-1", status: "paid", totalMinor: 12345 }));
  await app.ready();
  return app;
}

async function batch(app: FastifyInstance, size: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < size; i++) await app.inject({ method: "GET", url: `/api/orders/${i}`, remoteAddress: "198.51.100.4" });
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

const batches = env("BENCH_BATCHES", 200);
const size = env("BENCH_BATCH_SIZE", 500);
const servers = { off: await bareServer(false), on: await bareServer(true) };
// Warm-up: let the JIT settle on both paths.
for (const app of Object.values(servers)) await batch(app, 5_000);

const perRequest: Record<"off" | "on", number[]> = { off: [], on: [] };
for (let i = 0; i < batches; i++) {
  for (const side of i % 2 ? (["on", "off"] as const) : (["off", "on"] as const)) perRequest[side].push((await batch(servers[side], size)) / size);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const off = median(perRequest.off);
const on = median(perRequest.on);
console.log(`${batches} batches of ${size} requests per side, median CPU per request: without the plugin ${off.toFixed(1)} µs, with it ${on.toFixed(1)} µs`);
console.log(`the metrics plugin costs ${(on - off).toFixed(1)} µs per request`);
await Promise.all(Object.values(servers).map((app) => app.close()));
