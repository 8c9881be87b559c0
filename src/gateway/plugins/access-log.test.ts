import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { createLogger } from "@/server/observability/logger";
import accessLog from "./access-log";

/** A gateway with only the access log, writing its lines to an array. */
async function appWithLog() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  const app = Fastify();
  await app.register(accessLog, { logger });
  app.get("/api/things/:id", async () => ({ ok: true }));
  app.get("/api/broken", async () => {
    throw new Error("boom");
  });
  return { app, lines };
}

describe("access log", () => {
  it("writes one JSON line per request with the route pattern, never the raw URL or its query", async () => {
    const { app, lines } = await appWithLog();
    const response = await app.inject({ method: "GET", url: "/api/things/42?token=s3cret" });
    expect(response.statusCode).toBe(200);
    const access = lines.filter((line) => line.type === "access");
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({ type: "access", method: "GET", route: "/api/things/:id", status: 200, level: 30, msg: "request", service: "shopflow" });
    expect(typeof access[0]!.durationMs).toBe("number");
    expect(JSON.stringify(lines)).not.toContain("s3cret");
  });

  it("logs a failed request at error level", async () => {
    const { app, lines } = await appWithLog();
    await app.inject({ method: "GET", url: "/api/broken" });
    expect(lines.find((line) => line.type === "access")).toMatchObject({ status: 500, level: 50, msg: "request failed" });
  });
});
