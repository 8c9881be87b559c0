import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Histogram, Summary } from "prom-client";
import { describe, expect, it } from "vitest";
import { getDb } from "../src/server/db/client";
import { metricsRegistry, watchOutbox } from "../src/server/observability/metrics";
import { metricNamesIn, metricNamesInTemplateQuery, ruleExpressions } from "./promql-names";

const ROOT = path.resolve(import.meta.dirname, "..");
const PROMETHEUS_DIR = path.join(ROOT, "ops/prometheus");
const DASHBOARD_DIR = path.join(ROOT, "ops/grafana/dashboards");

const promtool = spawnSync("promtool", ["--version"], { stdio: "ignore" }).status === 0 ? "promtool" : null;
const NO_PROMTOOL = "promtool is not installed (Debian: apt-get install prometheus), so the Prometheus files are not checked by it here";

function runPromtool(...args: string[]): string {
  return execFileSync(promtool!, args, { cwd: PROMETHEUS_DIR, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

describe.skipIf(!promtool)(promtool ? "Prometheus files, checked by promtool" : `SKIPPED: ${NO_PROMTOOL}`, () => {
  it("prometheus.yml is a valid configuration and its rule files load", () => {
    expect(runPromtool("check", "config", "prometheus.yml")).toContain("SUCCESS");
  });

  it("alerts.yml holds valid rules", () => {
    expect(runPromtool("check", "rules", "alerts.yml")).toMatch(/SUCCESS: \d+ rules found/);
  });

  it("the alerts fire on the situations they describe (alerts.test.yml)", () => {
    expect(runPromtool("test", "rules", "alerts.test.yml")).toContain("SUCCESS");
  });

  it("every dashboard query is valid PromQL (checked as recording rules, Grafana's variables filled in)", () => {
    const grafanaVariables: Record<string, string> = { __rate_interval: "1m", __range: "6h", __interval: "15s", instance: ".*", datasource: "" };
    const rules = dashboards.flatMap(({ file, board }) =>
      panelsOf(board.panels).flatMap((panel) =>
        (panel.targets ?? []).map((target, i) => ({
          record: `dashboard:${file.replace(/\W/g, "_")}:${panel.id}_${i}`,
          expr: (target.expr ?? "").replace(/\$\{?(\w+)\}?/g, (_, name: string) => grafanaVariables[name] ?? `<unknown variable ${name}>`),
        })),
      ),
    );
    expect(rules.length).toBeGreaterThan(20);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shopflow-dashboards-"));
    try {
      // JSON is YAML: promtool reads this rules file as it is.
      fs.writeFileSync(path.join(dir, "dashboards.rules.json"), JSON.stringify({ groups: [{ name: "dashboards", rules }] }));
      expect(execFileSync(promtool!, ["check", "rules", path.join(dir, "dashboards.rules.json")], { encoding: "utf8" })).toContain(`SUCCESS: ${rules.length} rules found`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
if (!promtool) console.warn(`ops-monitoring: ${NO_PROMTOOL}`);

type Panel = { title?: string; type: string; id?: number; targets?: { expr?: string }[]; panels?: Panel[]; datasource?: { uid?: string } };
type Dashboard = { uid: string; title: string; panels: Panel[]; templating?: { list: { type: string; query?: string | { query?: string } }[] } };

const dashboards = fs
  .readdirSync(DASHBOARD_DIR)
  .filter((file) => file.endsWith(".json"))
  .map((file) => ({ file, board: JSON.parse(fs.readFileSync(path.join(DASHBOARD_DIR, file), "utf8")) as Dashboard }));

const panelsOf = (panels: Panel[]): Panel[] => panels.flatMap((panel) => [panel, ...panelsOf(panel.panels ?? [])]);

/** Every series name the app exports, histogram and summary series included, plus Prometheus's own `up`. */
function exportedNames(): Set<string> {
  // The outbox gauges exist only in processes that watch the outbox: register them here too.
  watchOutbox(getDb);
  const names = new Set(["up"]);
  for (const metric of metricsRegistry.getMetricsAsArray()) {
    const name = (metric as unknown as { name: string }).name;
    names.add(name);
    if (metric instanceof Histogram) for (const suffix of ["_bucket", "_sum", "_count"]) names.add(name + suffix);
    if (metric instanceof Summary) for (const suffix of ["_sum", "_count"]) names.add(name + suffix);
  }
  return names;
}

describe("dashboards and alerts read only metrics that exist", () => {
  it("finds the metric names in PromQL (and would catch a misspelt one)", () => {
    expect(metricNamesIn('sum by (le, route) (rate(http_request_duration_seconds_bucket{route!~"next|x", method="GET"}[$__rate_interval])) > 0.1')).toEqual(["http_request_duration_seconds_bucket"]);
    expect(metricNamesIn("(sum(shopflow_scheduler_leader) or vector(0)) < 1")).toEqual(["shopflow_scheduler_leader"]);
    expect(metricNamesIn('increase(a_total{x="1"}[30m] offset 1d) / ignoring(x) group_left b_total and on(job) up == 1e3')).toEqual(["a_total", "b_total", "up"]);
    expect(metricNamesInTemplateQuery('label_values(up{job=~"shopflow-.*"}, instance)')).toEqual(["up"]);
    const exported = exportedNames();
    expect(metricNamesIn("rate(shopflow_orders_create_total[5m])").filter((name) => !exported.has(name))).toEqual(["shopflow_orders_create_total"]);
  });

  it("every dashboard panel and template query", () => {
    expect(dashboards.map((d) => d.file).sort()).toEqual(["shopflow-background.json", "shopflow-business.json", "shopflow-database.json", "shopflow-http.json"]);
    const exported = exportedNames();
    const unknown: string[] = [];
    for (const { file, board } of dashboards) {
      const panels = panelsOf(board.panels).filter((panel) => panel.type !== "row");
      expect(panels.length, file).toBeGreaterThan(0);
      expect(new Set(panels.map((panel) => panel.id)).size, `${file}: panel ids are unique`).toBe(panels.length);
      for (const panel of panels) {
        expect(panel.datasource?.uid, `${file} ${panel.title}: uses the datasource variable`).toBe("${datasource}");
        expect(panel.targets?.length, `${file} ${panel.title}: has a query`).toBeGreaterThan(0);
        for (const target of panel.targets ?? []) {
          const names = metricNamesIn(target.expr ?? "");
          expect(names.length, `${file} ${panel.title}: reads a metric`).toBeGreaterThan(0);
          unknown.push(...names.filter((name) => !exported.has(name)).map((name) => `${file} "${panel.title}": ${name}`));
        }
      }
      for (const variable of board.templating?.list ?? []) {
        if (variable.type !== "query") continue;
        const query = typeof variable.query === "string" ? variable.query : (variable.query?.query ?? "");
        unknown.push(...metricNamesInTemplateQuery(query).filter((name) => !exported.has(name)).map((name) => `${file} variable: ${name}`));
      }
    }
    expect(unknown).toEqual([]);
  });

  it("every alert rule", () => {
    const expressions = ruleExpressions(fs.readFileSync(path.join(PROMETHEUS_DIR, "alerts.yml"), "utf8"));
    expect(expressions.length).toBeGreaterThanOrEqual(10);
    const exported = exportedNames();
    const unknown = expressions.flatMap((expr) => metricNamesIn(expr).filter((name) => !exported.has(name)).map((name) => `${name} in: ${expr.split("\n")[0]}`));
    expect(unknown).toEqual([]);
  });

  it("prometheus.yml scrapes every role", () => {
    const config = fs.readFileSync(path.join(PROMETHEUS_DIR, "prometheus.yml"), "utf8");
    const jobs = [...config.matchAll(/job_name:\s*(\S+)/g)].map((m) => m[1]);
    expect(jobs).toEqual(expect.arrayContaining(["shopflow-gateway", "shopflow-web", "shopflow-worker"]));
    expect(config).toMatch(/rule_files:\s*\n\s*- alerts\.yml/);
  });
});
