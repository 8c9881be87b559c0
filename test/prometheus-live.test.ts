import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { authSecret } from "@/env";
import { findFreePort } from "@/server/db/embedded";
import { createAddressFor, createProduct, createShopper } from "./fixtures";
import { GOOD_CARD } from "./payment-fixtures";
import { startRole, until, type RoleProcess } from "./processes";

/**
 * The operator's setup, run for real: Debian's Prometheus with the repo's own prometheus.yml
 * and alerts.yml (only the targets changed to this test's ports, and a 1 s interval) scrapes a
 * running gateway and worker; after a purchase has moved the counters, every alert rule is
 * evaluated by Prometheus without error and every Grafana panel query runs without error.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const PROMETHEUS_DIR = path.join(ROOT, "ops/prometheus");
const DASHBOARD_DIR = path.join(ROOT, "ops/grafana/dashboards");
const hasPrometheus = spawnSync("prometheus", ["--version"], { stdio: "ignore" }).status === 0;
/** Grafana's built-in variables, filled in as Grafana would for a 6-hour view. */
const GRAFANA_VARIABLES: Record<string, string> = { __rate_interval: "1m", __range: "6h", __interval: "15s", instance: ".*", datasource: "" };

type PromAnswer<T> = { status: "success" | "error"; data: T; error?: string; errorType?: string };
type Sample = { metric: Record<string, string>; value: [number, string] };

let gateway: RoleProcess;
let worker: RoleProcess;
let prometheus: ChildProcess;
let prometheusBase: string;
let workDir: string;

async function promQuery(query: string): Promise<PromAnswer<{ resultType: string; result: Sample[] }>> {
  const answer = await fetch(`${prometheusBase}/api/v1/query?${new URLSearchParams({ query })}`);
  return (await answer.json()) as PromAnswer<{ resultType: string; result: Sample[] }>;
}

/** The repo's prometheus.yml with this test's targets and a short interval, everything else as shipped. */
function configFor(targets: Record<string, string>, port: number): string {
  let config = fs.readFileSync(path.join(PROMETHEUS_DIR, "prometheus.yml"), "utf8");
  config = config.replace(/scrape_interval: \S+/, "scrape_interval: 1s").replace(/evaluation_interval: \S+/, "evaluation_interval: 1s").replace(/scrape_timeout: \S+/, "scrape_timeout: 1s");
  for (const [job, target] of Object.entries(targets)) {
    const pattern = new RegExp(`(job_name: ${job}\\n[\\s\\S]*?targets: \\[)"[^"]+"`);
    expect(config, `prometheus.yml has a ${job} job`).toMatch(pattern);
    config = config.replace(pattern, `$1"${target}"`);
  }
  return config.replace('targets: ["localhost:9090"]', `targets: ["127.0.0.1:${port}"]`);
}

describe.skipIf(!hasPrometheus)("Prometheus scraping a running shopflow with the repo's configuration", () => {
  beforeAll(async () => {
    const env = { DATABASE_URL: inject("databaseUrl"), NEXTAUTH_SECRET: authSecret(), GATEWAY_SECRET: "test-gateway-secret-0000" };
    const workerMetricsPort = await findFreePort();
    [gateway, worker] = await Promise.all([startRole("gateway", env), startRole("worker", { ...env, METRICS_PORT: String(workerMetricsPort) })]);
    await until("the worker's /metrics", () => fetch(`http://127.0.0.1:${workerMetricsPort}/metrics`).then((r) => r.ok, () => false), { timeoutMs: 60_000, everyMs: 200 });

    workDir = fs.mkdtempSync(path.join(os.tmpdir(), "shopflow-prometheus-"));
    const port = await findFreePort();
    prometheusBase = `http://127.0.0.1:${port}`;
    fs.copyFileSync(path.join(PROMETHEUS_DIR, "alerts.yml"), path.join(workDir, "alerts.yml"));
    // The web role needs a Next build; its job stays in the file and simply reports down.
    fs.writeFileSync(path.join(workDir, "prometheus.yml"), configFor({ "shopflow-gateway": `127.0.0.1:${gateway.port}`, "shopflow-worker": `127.0.0.1:${workerMetricsPort}` }, port));
    prometheus = spawn("prometheus", [`--config.file=${path.join(workDir, "prometheus.yml")}`, `--storage.tsdb.path=${path.join(workDir, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--log.level=warn"], {
      stdio: "ignore",
    });
    await until("Prometheus to be ready", () => fetch(`${prometheusBase}/-/ready`).then((r) => r.ok, () => false), { timeoutMs: 60_000, everyMs: 200 });
  }, 180_000);

  afterAll(async () => {
    prometheus?.kill("SIGTERM");
    await Promise.all([gateway?.stop(), worker?.stop()]);
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it("scrapes the gateway and the worker, sees a purchase, and runs every alert rule and dashboard query without error", async () => {
    await until("both targets up", async () => {
      const up = await promQuery('up{job=~"shopflow-gateway|shopflow-worker"} == 1');
      return up.data.result.length === 2;
    }, { timeoutMs: 30_000, everyMs: 250 });

    // A purchase over HTTP moves the business counters Prometheus will see.
    const shopper = await createShopper();
    const cookie = `next-auth.session-token=${await encode({ token: { sid: shopper.session.sessionId, uid: shopper.user.id }, secret: authSecret(), maxAge: 3600 })}`;
    const address = await createAddressFor(shopper.user.id);
    const product = await createProduct({ stock: 5, priceMinor: 2500 });
    const post = (url: string, body: unknown) => fetch(`${gateway.base}${url}`, { method: "POST", headers: { cookie, "content-type": "application/json", origin: gateway.base }, body: JSON.stringify(body) });
    expect((await post("/api/v1/cart/items", { productId: product.id, quantity: 1 })).status).toBe(200);
    const placed = await post("/api/v1/orders", { addressId: address.id });
    expect(placed.status).toBe(201);
    const order = (await placed.json()) as { id: string };
    const started = await post("/api/v1/payments", { orderId: order.id, method: "card" });
    const paymentId = ((await started.json()) as { payment: { id: string } }).payment.id;
    const paid = await post(`/api/v1/payments/${paymentId}/pay`, { method: "card", card: { number: GOOD_CARD } });
    expect(paid.status).toBe(200);

    // rate() and increase() need two samples of a series: wait for a few scrapes of the new one.
    await until("Prometheus to have scraped the paid order a few times", async () => {
      const answer = await promQuery('min(count_over_time(shopflow_payments_total{method="card",outcome="succeeded"}[1m]))');
      return Number(answer.data.result[0]?.value[1] ?? 0) >= 3;
    }, { timeoutMs: 30_000, everyMs: 250 });

    // Every alert rule, as Prometheus itself evaluates it (health "ok" after an evaluation).
    const rules = await until("every rule evaluated", async () => {
      const answer = (await (await fetch(`${prometheusBase}/api/v1/rules`)).json()) as PromAnswer<{ groups: { rules: { name: string; health: string; lastError?: string; lastEvaluation: string }[] }[] }>;
      const all = answer.data.groups.flatMap((g) => g.rules);
      return all.length > 0 && all.every((r) => !r.lastEvaluation.startsWith("0001")) ? all : null;
    }, { timeoutMs: 30_000, everyMs: 250 });
    expect(rules.length).toBeGreaterThanOrEqual(10);
    expect(rules.filter((r) => r.health !== "ok").map((r) => `${r.name}: ${r.lastError}`)).toEqual([]);

    // Every panel query of every provisioned dashboard, with Grafana's variables filled in.
    const queries = fs
      .readdirSync(DASHBOARD_DIR)
      .filter((file) => file.endsWith(".json"))
      .flatMap((file) => {
        type Panel = { title?: string; targets?: { expr?: string }[]; panels?: Panel[] };
        const board = JSON.parse(fs.readFileSync(path.join(DASHBOARD_DIR, file), "utf8")) as { panels: Panel[] };
        const panels = (list: Panel[]): Panel[] => list.flatMap((p) => [p, ...panels(p.panels ?? [])]);
        return panels(board.panels).flatMap((panel) =>
          (panel.targets ?? []).filter((t) => t.expr).map((t) => ({ where: `${file} "${panel.title}"`, expr: t.expr!.replace(/\$\{?(\w+)\}?/g, (_, name: string) => GRAFANA_VARIABLES[name] ?? `<unknown variable ${name}>`) })),
        );
      });
    expect(queries.length).toBeGreaterThan(20);
    const failed: string[] = [];
    const withData = new Set<string>();
    for (const query of queries) {
      const answer = await promQuery(query.expr);
      if (answer.status !== "success") failed.push(`${query.where}: ${answer.error}`);
      else if (answer.data.result.length > 0) withData.add(query.expr);
    }
    expect(failed).toEqual([]);
    // And the panels that show this purchase have something to show.
    expect([...withData].some((expr) => expr.includes("shopflow_payments_total"))).toBe(true);
    expect([...withData].some((expr) => expr.includes("http_request_duration_seconds"))).toBe(true);
  }, 120_000);
});
