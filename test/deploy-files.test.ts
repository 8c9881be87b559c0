/**
 * The container and compose files, checked statically (there is no container engine where the
 * tests run): compose.yaml against the Compose Specification's JSON schema, the Dockerfile
 * through the VS Code Docker language server's linter, every file either refers to exists, and
 * the image runs the same commands as CI and `npm start`.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Ajv } from "ajv";
import { DockerfileParser } from "dockerfile-ast";
import { ValidationSeverity, validate as lintDockerfile } from "dockerfile-utils";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { SERVER_NODE_FLAGS } from "../scripts/lib";

const ROOT = path.resolve(import.meta.dirname, "..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");
const packageJson = JSON.parse(read("package.json")) as { scripts: Record<string, string> };

// The Compose Specification's schema as dclint ships it (kept current with compose-spec releases).
// It is not in the package's exports, so it is found beside the resolved package.json.
const composeSchemaFile = path.join(path.dirname(createRequire(import.meta.url).resolve("dclint/package.json")), "schemas", "compose.schema.json");
// Draft-07, Ajv's own dialect; its `$schema` spells the meta-schema's id with https, which Ajv
// does not know by that name, so it is dropped (dclint does the same).
const { $schema: _dialect, ...composeSchema } = JSON.parse(fs.readFileSync(composeSchemaFile, "utf8")) as { $schema: string };
// strict: false — the schema uses annotations draft-07 does not define (e.g. `deprecated`).
const validateCompose = new Ajv({ allErrors: true, strict: false }).compile(composeSchema);

type Service = {
  image?: string;
  build?: { context: string; dockerfile?: string };
  command?: string[];
  environment?: Record<string, string | null>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  volumes?: string[];
  ports?: string[];
  profiles?: string[];
  network_mode?: string;
};
type Compose = { services: Record<string, Service>; volumes?: Record<string, unknown> };

function loadCompose(text = read("compose.yaml")): Compose {
  // Merge keys (<<) as Compose resolves them.
  return parseYaml(text, { merge: true }) as Compose;
}

const compose = loadCompose();
const ROLES = ["gateway", "web", "worker"] as const;

describe("compose.yaml", () => {
  it("is valid against the Compose Specification schema", () => {
    const valid = validateCompose(compose);
    expect(validateCompose.errors ?? [], JSON.stringify(validateCompose.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
  });

  it("the schema check catches a mistake (a misspelt depends_on condition, an unknown key)", () => {
    const broken = loadCompose(read("compose.yaml").replace("condition: service_completed_successfully", "condition: service_completed").replace("restart: unless-stopped", "restrat: unless-stopped"));
    expect(validateCompose(broken)).toBe(false);
    const paths = (validateCompose.errors ?? []).map((error) => error.instancePath);
    expect(paths.some((p) => p.includes("depends_on"))).toBe(true);
  });

  it("runs every role and the migration job from the one image, with the app's settings", () => {
    const image = compose.services.gateway!.image;
    expect(image).toMatch(/^\$\{SHOPFLOW_IMAGE:-shopflow\}:\$\{SHOPFLOW_TAG:-local\}$/);
    for (const name of [...ROLES, "migrate", "seed"]) {
      const service = compose.services[name]!;
      expect(service.image, name).toBe(image);
      expect(service.build?.context, name).toBe(".");
      expect(service.environment?.DATABASE_URL, name).toMatch(/^postgres:\/\/shopflow:.*@postgres:5432\/shopflow$/);
      expect(service.environment?.SHOPFLOW_ROLE, name).toBe(name);
    }
  });

  it("starts the roles only after PostgreSQL and Redis are healthy and the migrations succeeded", () => {
    for (const role of ROLES) {
      const dependsOn = compose.services[role]!.depends_on!;
      expect(dependsOn.postgres, role).toEqual({ condition: "service_healthy" });
      expect(dependsOn.redis, role).toEqual({ condition: "service_healthy" });
      expect(dependsOn.migrate, role).toEqual({ condition: "service_completed_successfully" });
      expect(compose.services[role]!.healthcheck?.test, role).toEqual(["CMD", "node", "scripts/healthcheck.mjs"]);
    }
    expect(compose.services.migrate!.depends_on).toEqual({ postgres: { condition: "service_healthy" } });
    for (const service of Object.values(compose.services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) expect(Object.keys(compose.services)).toContain(dependency);
    }
    for (const name of ["postgres", "redis"]) expect(compose.services[name]!.healthcheck?.test?.[0]).toBe("CMD");
  });

  it("keeps Next on the gateway's loopback: web shares the gateway's network, and only the gateway publishes the app", () => {
    expect(compose.services.web!.network_mode).toBe("service:gateway");
    expect(compose.services.web!.ports).toBeUndefined();
    expect(compose.services.gateway!.ports).toEqual(["${SHOPFLOW_PORT:-3000}:3000"]);
  });

  it("runs package.json scripts for the jobs (migrations under their lock, the demo seed)", () => {
    for (const name of ["migrate", "seed"]) {
      const [npm, run, script] = compose.services[name]!.command!;
      expect([npm, run], name).toEqual(["npm", "run"]);
      expect(Object.keys(packageJson.scripts), name).toContain(script);
    }
    expect(compose.services.migrate!.command).toEqual(["npm", "run", "db:migrate"]);
    expect(compose.services.seed!.profiles).toEqual(["demo"]);
  });

  it("has the observability and inngest profiles, on loopback ports", () => {
    for (const name of ["prometheus", "alertmanager", "grafana"]) expect(compose.services[name]!.profiles, name).toEqual(["observability"]);
    expect(compose.services.inngest!.profiles).toEqual(["inngest"]);
    expect(compose.services.inngest!.command).toContain("http://gateway:3000/api/inngest");
    // The app switches to Inngest mode when INNGEST_DEV names the dev server (src/server/scheduler/mode.ts).
    // Null: Compose passes it through from the shell or env file when set, else leaves it out.
    expect(compose.services.gateway!.environment).toHaveProperty("INNGEST_DEV", null);
    for (const name of ["prometheus", "alertmanager", "grafana", "inngest"]) {
      for (const port of compose.services[name]!.ports ?? []) expect(port, name).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it("mounts only files and folders that exist, and declares every named volume", () => {
    const declared = Object.keys(compose.volumes ?? {});
    for (const [name, service] of Object.entries(compose.services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(":")[0]!;
        if (source.startsWith(".")) expect(fs.existsSync(path.join(ROOT, source)), `${name}: ${source}`).toBe(true);
        else expect(declared, `${name}: ${source}`).toContain(source);
      }
      if (service.build) expect(fs.existsSync(path.join(ROOT, service.build.context, service.build.dockerfile ?? "Dockerfile")), name).toBe(true);
    }
  });
});

describe("Dockerfile", () => {
  const text = read("Dockerfile");
  const dockerfile = DockerfileParser.parse(text);
  const instructions = dockerfile.getInstructions();
  const runtime = dockerfile.getFROMs().at(-1)!;
  const stageOf = (line: number) => dockerfile.getFROMs().filter((from) => from.getRange().start.line <= line).at(-1)!;
  const inRuntime = instructions.filter((instruction) => stageOf(instruction.getRange().start.line) === runtime);
  const jsonArguments = (keyword: string) => JSON.parse(inRuntime.find((i) => i.getKeyword() === keyword)!.getArgumentsContent()!.replace(/^.*?\[/s, "[")) as string[];

  // Every rule of the linter raised to an error: a warning is a finding too.
  const strict = Object.fromEntries(
    ["deprecatedMaintainer", "directiveCasing", "emptyContinuationLine", "instructionCasing", "instructionCmdMultiple", "instructionEntrypointMultiple", "instructionHealthcheckMultiple", "instructionJSONInSingleQuotes", "instructionWorkdirRelative"].map((rule) => [rule, ValidationSeverity.ERROR]),
  );

  it("passes the Dockerfile linter with every rule as an error", () => {
    const findings = lintDockerfile(text, strict).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
    expect(findings).toEqual([]);
  });

  it("the linter catches a broken file (bad duration, two CMDs)", () => {
    const broken = text.replace("--interval=10s", "--interval=10parsecs") + '\nCMD ["node"]\n';
    expect(lintDockerfile(broken, strict).length).toBeGreaterThanOrEqual(2);
  });

  it("is multi-stage: dependencies, build, production-only dependencies, then a runtime as a non-root user", () => {
    expect(dockerfile.getFROMs().map((from) => from.getBuildStage())).toEqual(["base", "deps", "build", "prod-deps", "runtime"]);
    expect(inRuntime.find((i) => i.getKeyword() === "USER")?.getArgumentsContent()).toBe("node");
    expect(text).toMatch(/FROM base AS prod-deps[\s\S]*RUN npm ci --omit=dev/);
    expect(inRuntime.filter((i) => i.getKeyword() === "COPY").some((i) => i.getTextContent().includes("--from=prod-deps /app/node_modules"))).toBe(true);
  });

  it("builds with CI's commands: npm ci and npm run build", () => {
    const runs = instructions.filter((i) => i.getKeyword() === "RUN").map((i) => i.getArgumentsContent()!);
    const ci = read(".ci/run");
    expect(ci).toMatch(/^npm ci\b/m);
    expect(runs).toContain("npm ci --no-audit --no-fund");
    expect(runs.some((command) => command.startsWith("npm run build"))).toBe(true);
    expect(packageJson.scripts.build).toBe("tsx scripts/build.ts");
    // npm test builds through the same script (scripts/test-all.ts).
    expect(read("scripts/test-all.ts")).toContain('path.join(ROOT, "scripts", "build.ts")');
  });

  it("starts a role the way npm start does, and checks health on /api/ready", () => {
    expect(jsonArguments("CMD")).toEqual(["node", ...SERVER_NODE_FLAGS, "--import", "tsx", "scripts/role.ts"]);
    // scripts/start.ts: `[...SERVER_NODE_FLAGS, "--import", "tsx", …role.ts]` (plus a benchmark's profiling flags, when it asks).
    expect(read("scripts/start.ts")).toContain('[...(role === "gateway" ? SERVER_NODE_FLAGS : []), ...benchNodeFlags(role), "--import", "tsx", ...script]');
    expect(jsonArguments("HEALTHCHECK")).toEqual(["node", "scripts/healthcheck.mjs"]);
    expect(read("scripts/healthcheck.mjs")).toContain("/api/ready");
  });

  it("copies only what exists and what .dockerignore lets through", () => {
    const ignored = read(".dockerignore")
      .split("\n")
      .filter((line) => line && !line.startsWith("#") && !line.startsWith("!"));
    // Flags (--from, --chown) are not arguments; a COPY --from copies from a stage, not the context.
    const copies = instructions.filter((i) => i.getKeyword() === "COPY" && !i.getTextContent().includes("--from="));
    expect(copies.length).toBeGreaterThan(3);
    for (const copy of copies) {
      const args = copy.getArguments().map((a) => a.getValue());
      for (const source of args.slice(0, -1)) {
        if (source === ".") continue;
        expect(fs.existsSync(path.join(ROOT, source)), source).toBe(true);
        expect(ignored, source).not.toContain(source);
      }
    }
    for (const mustStayOut of [".env", "node_modules", ".next", ".data", ".git"]) expect(ignored).toContain(mustStayOut);
  });
});

describe("the observability profile's configuration", () => {
  const jobsOf = (file: string) => [...read(file).matchAll(/job_name:\s*(\S+)/g)].map((match) => match[1]);

  it("compose's Prometheus has the same jobs and rules as ops/prometheus/prometheus.yml (dashboards and alerts rely on them)", () => {
    expect(jobsOf("ops/prometheus/prometheus.compose.yml")).toEqual(jobsOf("ops/prometheus/prometheus.yml"));
    expect(read("ops/prometheus/prometheus.compose.yml")).toMatch(/rule_files:\s*\n\s*- alerts\.yml/);
    expect(compose.services.prometheus!.volumes).toContain("./ops/prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
  });

  const has = (tool: string) => spawnSync(tool, ["--version"], { stdio: "ignore" }).status === 0;
  it.skipIf(!has("promtool"))("promtool accepts compose's Prometheus configuration (skipped without promtool)", () => {
    const result = spawnSync("promtool", ["check", "config", "ops/prometheus/prometheus.compose.yml"], { cwd: ROOT, encoding: "utf8" });
    expect(result.stdout + result.stderr).toContain("is valid prometheus config file syntax");
    expect(result.status).toBe(0);
  });

  it.skipIf(!has("amtool"))("amtool accepts the Alertmanager configuration (skipped without amtool: apt-get install prometheus-alertmanager)", () => {
    const result = spawnSync("amtool", ["check-config", "ops/alertmanager/alertmanager.yml"], { cwd: ROOT, encoding: "utf8" });
    expect(result.stdout + result.stderr).toContain("SUCCESS");
    expect(result.status).toBe(0);
  });
});
