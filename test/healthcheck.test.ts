/** scripts/healthcheck.mjs, the container health check: each role's probe, against a stand-in server. */
import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
let server: http.Server;
let port: number;
let readyStatus = 200;
const seen: { url?: string; authorization?: string }[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    seen.push({ url: request.url, authorization: request.headers.authorization });
    const status = request.url === "/api/ready" ? readyStatus : request.url === "/metrics" && request.headers.authorization !== "Bearer a-token-of-16-chars!" ? 404 : 200;
    response.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function healthcheck(env: Record<string, string>): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["scripts/healthcheck.mjs"], { cwd: ROOT, env: { PATH: process.env.PATH, NODE_ENV: "test", ...env }, stdio: "ignore" });
    child.on("exit", (code) => resolve(code));
  });
}

describe("the container health check", () => {
  it("gateway: healthy only while /api/ready answers 200 (it answers 503 without PostgreSQL)", async () => {
    readyStatus = 200;
    expect(await healthcheck({ SHOPFLOW_ROLE: "gateway", PORT: String(port) })).toBe(0);
    readyStatus = 503;
    expect(await healthcheck({ SHOPFLOW_ROLE: "gateway", PORT: String(port) })).toBe(1);
    expect(seen.at(-1)?.url).toBe("/api/ready");
  });

  it("web: Next's next-auth provider list on WEB_PORT", async () => {
    expect(await healthcheck({ SHOPFLOW_ROLE: "web", PORT: "1", WEB_PORT: String(port) })).toBe(0);
    expect(seen.at(-1)?.url).toBe("/api/auth/providers");
  });

  it("worker: its /metrics listener, with METRICS_TOKEN when set; nothing to probe without METRICS_PORT", async () => {
    expect(await healthcheck({ SHOPFLOW_ROLE: "worker", METRICS_PORT: String(port), METRICS_TOKEN: "a-token-of-16-chars!" })).toBe(0);
    expect(seen.at(-1)).toEqual({ url: "/metrics", authorization: "Bearer a-token-of-16-chars!" });
    expect(await healthcheck({ SHOPFLOW_ROLE: "worker", METRICS_PORT: String(port) })).toBe(1);
    expect(await healthcheck({ SHOPFLOW_ROLE: "worker" })).toBe(1);
  });

  it("unhealthy when nothing listens", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await healthcheck({ SHOPFLOW_ROLE: "gateway", PORT: String(freePort) })).toBe(1);
  });
});
