import { afterEach, describe, expect, it } from "vitest";
import { parseMetrics, valueOf } from "../../../test/prometheus-text";
import { startMetricsServer, type MetricsServer } from "./metrics-server";
import { setSchedulerLeader } from "./metrics";

let server: MetricsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const url = (path: string) => `http://127.0.0.1:${server!.port}${path}`;

describe("the metrics listener of the web and worker roles", () => {
  it("serves the process's metrics under its role, and nothing else", async () => {
    server = await startMetricsServer({ port: 0, host: "127.0.0.1", role: "worker", token: "" });
    setSchedulerLeader(false);
    const response = await fetch(url("/metrics"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const parsed = parseMetrics(await response.text());
    expect(valueOf(parsed, "shopflow_scheduler_leader", { role: "worker" })).toBe(0);
    expect(parsed.families.get("process_resident_memory_bytes")?.metrics[0]?.labels).toMatchObject({ role: "worker" });

    expect((await fetch(url("/"))).status).toBe(404);
    expect((await fetch(url("/metrics"), { method: "POST" })).status).toBe(404);
    expect((await fetch(url("/metrics"), { headers: { "x-forwarded-for": "203.0.113.7" } })).status).toBe(404);
  });

  it("requires the bearer token when one is set", async () => {
    server = await startMetricsServer({ port: 0, host: "127.0.0.1", role: "web", token: "worker-scrape-token" });
    expect((await fetch(url("/metrics"))).status).toBe(404);
    expect((await fetch(url("/metrics"), { headers: { authorization: "Bearer nope" } })).status).toBe(404);
    const allowed = await fetch(url("/metrics"), { headers: { authorization: "Bearer worker-scrape-token" } });
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('role="web"');
  });
});
