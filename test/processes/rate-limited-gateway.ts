/**
 * A bare gateway process for the multi-process rate-limit test: Fastify with the API rate
 * limit plugin, no trusted proxy, and per store one scope with its own plugin instance and
 * counters: `/api/postgres/ping` counts in PostgreSQL (DATABASE_URL), `/api/redis/ping` in
 * Redis (REDIS_URL, when set). `POST /flush` (not under /api, so not counted) writes the
 * local counts at once — the test's stand-in for the flush timer, so it never sleeps.
 * Prints `{"port": n}` once listening; stops on SIGTERM.
 */
import Fastify from "fastify";
import { apiRateLimitPlugin } from "@/gateway/rate-limit";
import type { RequestIdentity } from "@/gateway/types";
import { closeDb, getDb } from "@/server/db/client";
import { PostgresCounterBackend, RedisCounterBackend, SharedCounters } from "@/server/rate-limit";

const limit = Number(process.env.RATE_LIMIT_PER_WINDOW ?? 20);
const windowMs = Number(process.env.RATE_LIMIT_WINDOW_MS ?? 60_000);
const keyPrefix = process.env.KEY_PREFIX ?? "api:";
const backends = {
  postgres: new PostgresCounterBackend(getDb),
  ...(process.env.REDIS_URL ? { redis: new RedisCounterBackend(process.env.REDIS_URL, keyPrefix) } : {}),
};
// A long timer: /flush decides when the counts are written.
const counters = Object.entries(backends).map(([store, backend]) => ({ store, counters: new SharedCounters(backend, { flushIntervalMs: 60_000 }) }));

const app = Fastify({ trustProxy: false });
app.decorateRequest("identity", null as unknown as RequestIdentity);
app.addHook("onRequest", async (request) => {
  request.identity = {};
});
for (const { store, counters: storeCounters } of counters) {
  await app.register(async (scope) => {
    await scope.register(apiRateLimitPlugin, { counters: storeCounters, perMinute: () => limit, windowMs, keyPrefix });
    scope.get(`/api/${store}/ping`, async () => ({ pong: true }));
  });
}
app.post("/flush", async () => {
  await Promise.all(counters.map((c) => c.counters.flush()));
  return { flushed: true };
});

const address = await app.listen({ port: 0, host: "127.0.0.1" });
process.stdout.write(`${JSON.stringify({ port: Number(new URL(address).port) })}\n`);

process.once("SIGTERM", () => {
  void app
    .close()
    .then(() => Promise.all(counters.map((c) => c.counters.close())))
    .then(() => closeDb())
    .finally(() => process.exit(0));
});
