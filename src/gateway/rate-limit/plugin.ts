import fastifyRateLimit, { type FastifyRateLimitStore } from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { getDb } from "@/server/db/client";
import { apiSettings, sharedCounters, ZApiSettingsFields, type SharedCounters } from "@/server/rate-limit";
import { rateLimitedBody, rateLimitedContentType } from "./rate-limited-body";
import "../types";

export type ApiRateLimitOptions = {
  /** Where the counts live; default: the process's shared counters (PostgreSQL, or Redis with REDIS_URL). */
  counters?: SharedCounters;
  /** The allowance per window; default: Admin → Settings → API (read through the settings cache). */
  perMinute?: () => number | Promise<number>;
  /** The window length (ms); default one minute. */
  windowMs?: number;
  /** How long a read allowance is used before it is read again (ms); default 1 s. */
  limitRefreshMs?: number;
  /** /api requests not to count; default: the probes and payment notifications (NOT_COUNTED). */
  skip?: (request: FastifyRequest) => boolean;
  /** Prefix of the counter keys (default `api:`); tests use their own. */
  keyPrefix?: string;
  /** Called for each refused request (the metrics plugin counts them). */
  onLimited?: (request: FastifyRequest, key: string) => void;
};

/**
 * Not counted against the API allowance: the health and readiness probes, and the payment
 * provider's signed notifications — server-to-server calls whose number is the shop's own
 * payment volume, not a client's (a busy minute would otherwise have the shop refuse its own
 * payments' news). Refused notifications are limited on their own (plugins/payment-notify.ts).
 */
const NOT_COUNTED = new Set(["/api/health", "/api/ready", "/api/payments/notify"]);
const pathOf = (url: string) => {
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
};
const isApi = (url: string) => url.startsWith("/api/") || url === "/api" || url.startsWith("/api?");

/** API key, else signed-in user, else client address (request.ip: Fastify's trustProxy decides it). */
export function rateLimitKey(request: FastifyRequest): string {
  const identity = request.identity;
  if (identity?.apiKeyId) return `apiKey:${identity.apiKeyId}`;
  if (identity?.userId) return `user:${identity.userId}`;
  return `ip:${request.ip}`;
}

/**
 * @fastify/rate-limit's store contract (`incr` answers through a callback) fits batching:
 * the answer comes from memory and the shared store is written in the background, so a
 * request costs no round trip (see SharedCounters for the overshoot this allows).
 */
function storeOver(counters: SharedCounters, prefix: string) {
  return class SharedCounterStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const { count, resetMs } = counters.hit(prefix + key, timeWindow);
      callback(null, { current: count, ttl: resetMs });
    }
    child(): FastifyRateLimitStore {
      return this;
    }
  };
}

/**
 * The allowance, re-read at most every `refreshMs` in the background (never awaited on a
 * request). Settings that cannot be read at start (database down) give the default until they can.
 */
async function allowanceReader(read: () => number | Promise<number>, refreshMs: number): Promise<() => number> {
  let value = await Promise.resolve()
    .then(read)
    .catch(() => ZApiSettingsFields.parse({}).requestsPerMinute);
  let readAt = Date.now();
  let reading = false;
  return () => {
    if (!reading && Date.now() - readAt >= refreshMs) {
      reading = true;
      Promise.resolve()
        .then(read)
        .then((next) => {
          value = next;
          readAt = Date.now();
        })
        // Keep the last allowance while the settings cannot be read; try again next time.
        .catch(() => {})
        .finally(() => {
          reading = false;
        });
    }
    return value;
  };
}

/**
 * Rate limits every /api request (pages and static files are not counted) per API key, else
 * signed-in user, else client address, against one allowance per minute shared by all
 * processes. Each /api answer carries RateLimit-Limit / -Remaining / -Reset; a refused one
 * is 429 with Retry-After and a body in the caller's error shape (rateLimitedBody).
 *
 * Runs as an onRequest hook of the instance it is registered on (it is not encapsulated):
 * register it AFTER the plugin whose onRequest hook sets request.identity, and before the
 * routes. The counters are flushed when the server closes.
 */
async function apiRateLimit(fastify: FastifyInstance, options: ApiRateLimitOptions) {
  const counters = options.counters ?? sharedCounters();
  const windowMs = options.windowMs ?? 60_000;
  const allowance = await allowanceReader(options.perMinute ?? (async () => (await apiSettings.get(getDb())).requestsPerMinute), options.limitRefreshMs ?? 1_000);
  const skip = options.skip ?? ((request: FastifyRequest) => NOT_COUNTED.has(pathOf(request.url)));

  await fastify.register(fastifyRateLimit, {
    global: false,
    store: storeOver(counters, options.keyPrefix ?? "api:"),
    keyGenerator: rateLimitKey,
    max: () => allowance(),
    timeWindow: windowMs,
  });
  const check = fastify.createRateLimit();

  fastify.addHook("onRequest", async (request, reply) => {
    if (!isApi(request.url) || skip(request)) return;
    const limit = await check(request);
    if (limit.isAllowed) return;
    const resetSeconds = Math.max(1, limit.ttlInSeconds);
    reply.header("ratelimit-limit", limit.max).header("ratelimit-remaining", limit.remaining).header("ratelimit-reset", resetSeconds);
    if (!limit.isExceeded) return;
    options.onLimited?.(request, limit.key);
    return reply.code(429).header("retry-after", resetSeconds).header("cache-control", "no-store").type(rateLimitedContentType(request)).send(rateLimitedBody(request, resetSeconds));
  });

  // The last local counts reach the store before the process goes.
  fastify.addHook("onClose", async () => {
    await counters.flush();
  });
}

export const apiRateLimitPlugin = fp(apiRateLimit, { fastify: "5.x", name: "shopflow-api-rate-limit" });
