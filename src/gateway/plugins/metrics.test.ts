import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { histogramCount, parseMetrics } from "../../../test/prometheus-text";
import metricsPlugin from "./metrics";

/** A bare gateway: the metrics plugin, a route, a route that labels itself, and Fastify's 404. */
async function bareGateway(options: { token?: string; trustProxy?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, trustProxy: options.trustProxy ?? false });
  await app.register(metricsPlugin, { token: options.token });
  app.get("/api/orders/:id", async () => ({ ok: true }));
  app.post("/api/trpc/*", async (request) => {
    request.routeLabel = "order.byId,order.list";
    return { ok: true };
  });
  await app.ready();
  return app;
}

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const LOOPBACK = "127.0.0.1";
const PUBLIC = "203.0.113.7";

async function scrape(gateway: FastifyInstance) {
  const response = await gateway.inject({ method: "GET", url: "/metrics", remoteAddress: LOOPBACK });
  expect(response.statusCode).toBe(200);
  return parseMetrics(response.body);
}

describe("the request histogram", () => {
  it("observes each response under its route pattern or label, never the raw URL", async () => {
    app = await bareGateway();
    const before = await scrape(app);
    const count = (parsed: typeof before, labels: Record<string, string>) => histogramCount(parsed, "http_request_duration_seconds", labels);
    await app.inject({ method: "GET", url: "/api/orders/123?x=1", remoteAddress: PUBLIC });
    await app.inject({ method: "GET", url: "/api/orders/456", remoteAddress: PUBLIC });
    await app.inject({ method: "POST", url: "/api/trpc/order.byId,order.list?batch=1", remoteAddress: PUBLIC, payload: {} });
    await app.inject({ method: "GET", url: "/no/such/page/789", remoteAddress: PUBLIC });
    const after = await scrape(app);

    expect(count(after, { route: "/api/orders/:id", method: "GET", status_code: "200" }) - count(before, { route: "/api/orders/:id" })).toBe(2);
    expect(count(after, { route: "order.byId,order.list", method: "POST" }) - count(before, { route: "order.byId,order.list" })).toBe(1);
    expect(count(after, { route: "unmatched", status_code: "404" }) - count(before, { route: "unmatched" })).toBe(1);
    const routes = new Set(after.families.get("http_request_duration_seconds_count")!.metrics.map((m) => m.labels?.route));
    for (const route of routes) expect(route).not.toMatch(/\d{3}|\?/);
  });
});

describe("who may read /metrics", () => {
  it("without a token: loopback and private addresses only; anyone else gets a 404", async () => {
    app = await bareGateway();
    for (const remoteAddress of [LOOPBACK, "::1", "10.1.2.3", "192.168.0.9", "::ffff:172.16.0.4", "fd12::1"]) {
      expect((await app.inject({ method: "GET", url: "/metrics", remoteAddress })).statusCode, remoteAddress).toBe(200);
    }
    for (const remoteAddress of [PUBLIC, "2001:db8::1", "::ffff:8.8.8.8", "169.254.169.254"]) {
      const response = await app.inject({ method: "GET", url: "/metrics", remoteAddress });
      expect(response.statusCode, remoteAddress).toBe(404);
      expect(response.body).not.toContain("http_request_duration_seconds");
    }
  });

  it("without a token, a request forwarded by an unresolved proxy is not internal, whatever the peer", async () => {
    app = await bareGateway();
    const forwarded = await app.inject({ method: "GET", url: "/metrics", remoteAddress: LOOPBACK, headers: { "x-forwarded-for": PUBLIC } });
    expect(forwarded.statusCode).toBe(404);
  });

  it("with trusted proxies, the resolved client address decides", async () => {
    app = await bareGateway({ trustProxy: true });
    expect((await app.inject({ method: "GET", url: "/metrics", remoteAddress: LOOPBACK, headers: { "x-forwarded-for": PUBLIC } })).statusCode).toBe(404);
    expect((await app.inject({ method: "GET", url: "/metrics", remoteAddress: LOOPBACK, headers: { "x-forwarded-for": "10.0.0.8" } })).statusCode).toBe(200);
  });

  it("with a token: the bearer token is required, from anywhere", async () => {
    app = await bareGateway({ token: "s3cret-metrics-token" });
    const get = (remoteAddress: string, authorization?: string) =>
      app!.inject({ method: "GET", url: "/metrics", remoteAddress, headers: authorization ? { authorization } : {} });
    expect((await get(PUBLIC, "Bearer s3cret-metrics-token")).statusCode).toBe(200);
    expect((await get(LOOPBACK, "Bearer s3cret-metrics-token")).statusCode).toBe(200);
    expect((await get(LOOPBACK)).statusCode).toBe(404);
    expect((await get(PUBLIC, "Bearer wrong")).statusCode).toBe(404);
    expect((await get(PUBLIC, "Bearer s3cret-metrics-token-and-more")).statusCode).toBe(404);
    expect((await get(PUBLIC, "Basic s3cret-metrics-token")).statusCode).toBe(404);
  });

  it("answers a refusal exactly like an unknown path", async () => {
    app = await bareGateway();
    const refused = await app.inject({ method: "GET", url: "/metrics", remoteAddress: PUBLIC });
    const unknown = await app.inject({ method: "GET", url: "/nothing-here", remoteAddress: PUBLIC });
    expect(refused.statusCode).toBe(unknown.statusCode);
    expect(refused.body).toBe(unknown.body.replace("/nothing-here", "/metrics"));
  });
});
