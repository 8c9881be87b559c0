/**
 * A bare gateway process for the multi-process rate-limit test: Fastify with the API rate
 * limit plugin on the shared counters (PostgreSQL at DATABASE_URL, or Redis at REDIS_URL),
 * no trusted proxy, one /api route, and a /flush route (not under /api, so not counted) that
 * writes the local counts at once — the test's stand-in for the flush timer, so it never
 * sleeps. Prints `{"port": n}` once listening; stops on SIGTERM.
 */
import Fastify from "fastify";
import { apiRateLimitPlugin } from "@/gateway/rate-limit";
import type { RequestIdentity } from "@/gateway/types";
import { closeDb, getDb } from "@/server/db/client";
import { PostgresCounterBackend, RedisCounterBackend, SharedCounters } from "@/server/rate-limit";

const limit = Number(process.env.RATE_LIMIT_PER_WINDOW ?? 20);
const windowMs = Number(process.env.RATE_LIMIT_WINDOW_MS ?? 60_000);
const backend = process.env.REDIS_URL ? new RedisCounterBackend(process.env.REDIS_URL, process.env.REDIS_PREFIX) : new PostgresCounterBackend(getDb);
// A long timer: /flush decides when the counts are written.
const counters = new SharedCounters(backend, { flushIntervalMs: 60_000 });

const app = Fastify({ trustProxy: false });
app.decorateRequest("identity", null as unknown as RequestIdentity);
app.addHook("onRequest", async (request) => {
  request.identity = {};
});
await app.register(apiRateLimitPlugin, { counters, perMinute: () => limit, windowMs, keyPrefix: process.env.KEY_PREFIX ?? "api:" });
app.get("/api/ping", async () => ({ pong: true }));
app.post("/flush", async () => {
  await counters.flush();
  return { flushed: true };
});

const address = await app.listen({ port: 0, host: "127.0.0.1" });
process.stdout.write(`${JSON.stringify({ port: Number(new URL(address).port) })}\n`);

process.once("SIGTERM", () => {
  void app
    .close()
    .then(() => counters.close())
    .then(() => closeDb())
    .finally(() => process.exit(0));
});
