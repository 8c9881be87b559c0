import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance } from "fastify";
import { createTRPCClient, httpBatchLink, httpLink, TRPCClientError } from "@trpc/client";
import { initTRPC } from "@trpc/server";
import { fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { PostgresCounterBackend, SharedCounters } from "@/server/rate-limit";
import transformer from "superjson";
import type { RequestIdentity } from "../types";
import { apiRateLimitPlugin, type ApiRateLimitOptions } from ".";

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

/**
 * A bare gateway: an onRequest hook standing in for the auth plugin (identity from test
 * headers), then the limiter, then a few routes. Each app has its own counters on the test
 * database, with a unique key space per test through a unique client address or identity.
 */
async function gateway(options: Partial<ApiRateLimitOptions> & { trustProxy?: boolean } = {}) {
  const app = Fastify({ trustProxy: options.trustProxy ?? false });
  app.decorateRequest("identity", null as unknown as RequestIdentity);
  app.addHook("onRequest", async (request) => {
    const apiKeyId = request.headers["x-test-api-key"] as string | undefined;
    const userId = request.headers["x-test-user"] as string | undefined;
    request.identity = { apiKeyId, userId };
  });
  const counters = options.counters ?? new SharedCounters(new PostgresCounterBackend(getDb), { flushIntervalMs: 50 });
  await app.register(apiRateLimitPlugin, { perMinute: () => 3, ...options, counters });
  app.get("/api/things", async () => ({ ok: true }));
  app.get("/api/health", async () => ({ ok: true }));
  app.get("/orders", async () => "page");
  apps.push(app);
  return app;
}

const fromIp = (ip: string) => ({ remoteAddress: ip });
const uniqueIp = () => `198.51.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

describe("API rate limit plugin", () => {
  it("answers 429 with Retry-After and RateLimit headers once the minute's allowance is used", async () => {
    const app = await gateway();
    const ip = uniqueIp();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await app.inject({ url: "/api/things", ...fromIp(ip) }));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 429]);
    expect(answers.map((a) => a.headers["ratelimit-remaining"])).toEqual(["2", "1", "0", "0"]);
    for (const a of answers) {
      expect(a.headers["ratelimit-limit"]).toBe("3");
      expect(Number(a.headers["ratelimit-reset"])).toBeGreaterThanOrEqual(1);
      expect(Number(a.headers["ratelimit-reset"])).toBeLessThanOrEqual(60);
    }
    const refused = answers[3]!;
    expect(refused.headers["retry-after"]).toBe(refused.headers["ratelimit-reset"]);
    expect(refused.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
    expect(refused.json()).toEqual({
      type: "about:blank",
      title: "Too Many Requests",
      status: 429,
      detail: `Too many requests; try again in ${refused.headers["retry-after"]} s`,
      code: "RATE_LIMITED",
      retryAfterSeconds: Number(refused.headers["retry-after"]),
    });
    expect(answers[0]!.headers["retry-after"]).toBeUndefined();
  });

  it("counts per API key, else per user, else per address", async () => {
    const app = await gateway();
    const ip = uniqueIp();
    const key = randomUUID();
    const user = randomUUID();
    const send = (headers: Record<string, string>) => app.inject({ url: "/api/things", headers, ...fromIp(ip) }).then((a) => a.statusCode);
    // The API key's allowance, used up from one address with the user header too: the key wins.
    for (let i = 0; i < 3; i++) expect(await send({ "x-test-api-key": key, "x-test-user": user })).toBe(200);
    expect(await send({ "x-test-api-key": key })).toBe(429);
    // The same user and address without that key: their own allowances.
    for (let i = 0; i < 3; i++) expect(await send({ "x-test-user": user })).toBe(200);
    expect(await send({ "x-test-user": user })).toBe(429);
    for (let i = 0; i < 3; i++) expect(await send({})).toBe(200);
    expect(await send({})).toBe(429);
    // Another key from the same address is not affected.
    expect(await send({ "x-test-api-key": randomUUID() })).toBe(200);
  });

  it("does not let a spoofed X-Forwarded-For reset the limit when no proxy is trusted", async () => {
    const app = await gateway({ trustProxy: false });
    const ip = uniqueIp();
    for (let i = 0; i < 3; i++) await app.inject({ url: "/api/things", headers: { "x-forwarded-for": `203.0.113.${i}` }, ...fromIp(ip) });
    const spoofed = await app.inject({ url: "/api/things", headers: { "x-forwarded-for": "203.0.113.77" }, ...fromIp(ip) });
    expect(spoofed.statusCode).toBe(429);
  });

  it("counts the forwarded address when the proxy is trusted", async () => {
    const app = await gateway({ trustProxy: true });
    const proxy = uniqueIp();
    for (let i = 0; i < 3; i++) expect((await app.inject({ url: "/api/things", headers: { "x-forwarded-for": "203.0.113.5" }, ...fromIp(proxy) })).statusCode).toBe(200);
    expect((await app.inject({ url: "/api/things", headers: { "x-forwarded-for": "203.0.113.5" }, ...fromIp(proxy) })).statusCode).toBe(429);
    expect((await app.inject({ url: "/api/things", headers: { "x-forwarded-for": "203.0.113.6" }, ...fromIp(proxy) })).statusCode).toBe(200);
  });

  it("leaves pages and the health probe alone", async () => {
    const app = await gateway({ perMinute: () => 1 });
    const ip = uniqueIp();
    for (let i = 0; i < 3; i++) {
      const page = await app.inject({ url: "/orders", ...fromIp(ip) });
      expect(page.statusCode).toBe(200);
      expect(page.headers["ratelimit-limit"]).toBeUndefined();
      expect((await app.inject({ url: "/api/health", ...fromIp(ip) })).statusCode).toBe(200);
    }
    expect((await app.inject({ url: "/api/things", ...fromIp(ip) })).statusCode).toBe(200);
    expect((await app.inject({ url: "/api/things", ...fromIp(ip) })).statusCode).toBe(429);
  });

  it("starts with the default allowance when the setting cannot be read", async () => {
    const app = await gateway({
      perMinute: () => {
        throw new Error("database down");
      },
    });
    expect((await app.inject({ url: "/api/things", ...fromIp(uniqueIp()) })).headers["ratelimit-limit"]).toBe("1000");
  });

  it("applies a changed allowance within the refresh interval", async () => {
    let allowance = 1;
    const app = await gateway({ perMinute: () => allowance, limitRefreshMs: 0 });
    const ip = uniqueIp();
    expect((await app.inject({ url: "/api/things", ...fromIp(ip) })).statusCode).toBe(200);
    expect((await app.inject({ url: "/api/things", ...fromIp(ip) })).statusCode).toBe(429);
    allowance = 10;
    // The new allowance is read in the background: poll with a deadline.
    const deadline = Date.now() + 2_000;
    let status = 429;
    while (status === 429 && Date.now() < deadline) status = (await app.inject({ url: "/api/things", ...fromIp(ip) })).statusCode;
    expect(status).toBe(200);
  });

  it("answers a tRPC caller with an error its client understands, for single and batched calls", async () => {
    const app = await gateway({ perMinute: () => 1 });
    const t = initTRPC.create({ transformer });
    const router = t.router({ ping: t.procedure.query(() => "pong") });
    await app.register(fastifyTRPCPlugin, { prefix: "/api/trpc", trpcOptions: { router } });
    const url = `${await app.listen({ port: 0, host: "127.0.0.1" })}/api/trpc`;

    // One caller per link, each with its own allowance.
    for (const makeLink of [httpLink, httpBatchLink]) {
      const link = makeLink({ url, transformer, headers: { "x-test-user": randomUUID() } });
      const client = createTRPCClient<typeof router>({ links: [link] });
      expect(await client.ping.query()).toBe("pong");
      const error = await client.ping.query().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCClientError);
      const refused = error as TRPCClientError<typeof router>;
      expect(refused.message).toMatch(/^Too many requests; try again in \d+ s$/);
      expect(refused.data).toMatchObject({ code: "TOO_MANY_REQUESTS", httpStatus: 429, domainCode: "RATE_LIMITED" });
      expect((refused.data as unknown as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
    const ip = uniqueIp();
    expect((await app.inject({ url: "/api/trpc/ping", ...fromIp(ip) })).statusCode).toBe(200);
    const single = await app.inject({ url: "/api/trpc/ping", ...fromIp(ip) });
    expect(single.statusCode).toBe(429);
    expect(single.json().error.json).toMatchObject({ code: -32029, data: { path: "ping", code: "TOO_MANY_REQUESTS" } });
  });
});
