/**
 * scripts/deploy/*.sh with stand-ins for docker, systemctl, npm and the health probe on PATH:
 * each records its calls, so the tests see the order (build → migrate → restart → health →
 * rollback) and that prod refuses default and demo secrets before touching anything.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "shopflow-deploy-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const GOOD_SECRETS = {
  NEXTAUTH_SECRET: "Zr8cWq1vN3xT6yB0kL5pH2mJ9sD4fG7a",
  GATEWAY_SECRET: "Q4nV8tY2wR6uE1oP",
  POSTGRES_PASSWORD: "h7Kd92LmQx4TzW1c",
  NEXTAUTH_URL: "https://shop.acme.test",
};

/** A bin folder whose commands append `name [tag=…] args` to calls.log and answer as told. */
function fakeBin(dir: string) {
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin, { recursive: true });
  const write = (name: string, body: string) => fs.writeFileSync(path.join(bin, name), `#!/usr/bin/env bash\n${body}\n`, { mode: 0o755 });
  // docker compose … ps: "running healthy" unless this tag is the one told to fail.
  write(
    "docker",
    `echo "docker tag=\${SHOPFLOW_TAG:-} $*" >> "$FAKE_LOG"
if [[ " $* " == *" ps "* ]]; then
  if [[ -n "\${FAKE_UNHEALTHY_TAG:-}" && "\${SHOPFLOW_TAG:-}" == "$FAKE_UNHEALTHY_TAG" ]]; then echo "running unhealthy"; else echo "running healthy"; fi
fi`,
  );
  write("systemctl", `echo "systemctl $*" >> "$FAKE_LOG"`);
  write("npm", `echo "npm $* (in $(basename "$PWD"), env file \${SHOPFLOW_ENV_FILE:-none})" >> "$FAKE_LOG"`);
  // node: only the health probe is run with node by systemd.sh; healthy unless it is the release told to fail.
  write(
    "node",
    `release="$(basename "$(readlink -f "$(dirname "$1")/..")")"
echo "health $SHOPFLOW_ROLE on $release port \${PORT}" >> "$FAKE_LOG"
[[ "$release" != "\${FAKE_UNHEALTHY_RELEASE:-}" ]]`,
  );
  return bin;
}

type Run = { status: number | null; output: string; calls: string[] };

function runScript(script: string, args: string[], env: Record<string, string>, dir: string): Run {
  const log = path.join(dir, "calls.log");
  fs.rmSync(log, { force: true });
  const result = spawnSync("bash", [path.join(ROOT, "scripts/deploy", script), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
    env: { PATH: `${fakeBin(dir)}:${process.env.PATH}`, HOME: dir, NODE_ENV: "test", FAKE_LOG: log, SHOPFLOW_DEPLOY_HEALTH_INTERVAL: "0", ...env },
  });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
  return { status: result.status, output: result.stdout + result.stderr, calls };
}

function envFile(dir: string, values: Record<string, string>): string {
  const file = path.join(dir, "prod.env");
  fs.writeFileSync(file, Object.entries(values).map(([name, value]) => `${name}=${value}\n`).join(""));
  return file;
}

/** The call log with the fixed compose arguments left out, e.g. `docker tag=v2 up --detach --no-deps --force-recreate gateway`. */
function composeCalls(calls: string[]) {
  return calls.map((call) => call.replace(/ compose --project-name \S+ --project-directory \S+ --file \S+( --env-file \S+)?/, ""));
}

describe("scripts/deploy/deploy.sh (Docker Compose)", () => {
  it("asks for a target and refuses unknown arguments and tags Docker would not accept", () => {
    const dir = fs.mkdtempSync(path.join(tmp, "args-"));
    expect(runScript("deploy.sh", [], {}, dir)).toMatchObject({ status: 1, calls: [] });
    expect(runScript("deploy.sh", ["staging"], {}, dir).output).toContain("the first argument is the target: test or prod (got 'staging')");
    expect(runScript("deploy.sh", ["test", "--force"], {}, dir).output).toContain("unknown argument: --force");
    expect(runScript("deploy.sh", ["test", "--tag", "bad tag!"], {}, dir).output).toContain("--tag must be a Docker tag");
    const help = runScript("deploy.sh", ["--help"], {}, dir);
    expect(help.status).toBe(0);
    expect(help.output).toContain("scripts/deploy/deploy.sh test|prod");
  });

  it("prod refuses to start without its environment file, or with default, demo or short secrets — before any docker call", () => {
    const dir = fs.mkdtempSync(path.join(tmp, "secrets-"));
    const missing = runScript("deploy.sh", ["prod", "--env-file", path.join(dir, "nope.env"), "--tag", "v1"], {}, dir);
    expect(missing.status).toBe(1);
    expect(missing.output).toContain("prod needs its environment file");

    const file = envFile(dir, {
      NEXTAUTH_SECRET: "compose-local-only-nextauth-secret-0000", // compose.yaml's default
      GATEWAY_SECRET: "short",
      POSTGRES_PASSWORD: "demo-password-for-the-shop",
      NEXTAUTH_URL: "http://localhost:3000",
      COMPOSE_PROFILES: "observability,demo",
      GRAFANA_ADMIN_PASSWORD: "admin",
    });
    const refused = runScript("deploy.sh", ["prod", "--env-file", file, "--tag", "v1"], { SHOPFLOW_DEPLOY_STATE: dir }, dir);
    expect(refused.status).toBe(1);
    expect(refused.calls).toEqual([]);
    for (const problem of [
      "NEXTAUTH_SECRET is compose.yaml's local default",
      "GATEWAY_SECRET is shorter than 16 characters",
      "POSTGRES_PASSWORD looks like a demo or placeholder value",
      "NEXTAUTH_URL must be the https:// public origin in prod",
      "NEXTAUTH_URL points at this machine",
      "COMPOSE_PROFILES includes demo",
      "GRAFANA_ADMIN_PASSWORD is shorter than 16 characters",
    ]) {
      expect(refused.output).toContain(`refused: ${problem}`);
    }
    // A secret's value is never printed.
    expect(refused.output).not.toContain("demo-password-for-the-shop");
    // The real environment wins over the file, as it does for Compose: a good value there passes.
    const fixed = runScript("deploy.sh", ["prod", "--env-file", envFile(dir, { ...GOOD_SECRETS, NEXTAUTH_SECRET: "x" }), "--tag", "v1"], { SHOPFLOW_DEPLOY_STATE: dir, NEXTAUTH_SECRET: GOOD_SECRETS.NEXTAUTH_SECRET }, dir);
    expect(fixed.status).toBe(0);
  });

  it("test only warns about local defaults, and runs without an environment file", () => {
    const dir = fs.mkdtempSync(path.join(tmp, "test-target-"));
    const result = runScript("deploy.sh", ["test", "--env-file", path.join(dir, "none.env"), "--tag", "t1"], { SHOPFLOW_DEPLOY_STATE: dir }, dir);
    expect(result.status).toBe(0);
    expect(result.output).toContain("warning: NEXTAUTH_SECRET is not set");
    expect(result.calls.length).toBeGreaterThan(5);
  });

  it("builds, migrates under the lock, restarts gateway → web → worker each after the previous is healthy, and records the tag", () => {
    const dir = fs.mkdtempSync(path.join(tmp, "deploy-"));
    const result = runScript("deploy.sh", ["prod", "--env-file", envFile(dir, GOOD_SECRETS), "--tag", "v2"], { SHOPFLOW_DEPLOY_STATE: dir }, dir);
    expect(result.output).toContain("deployed shopflow:v2 to prod");
    expect(result.status).toBe(0);
    expect(composeCalls(result.calls)).toEqual([
      "docker tag=v2 build gateway",
      "docker tag=v2 up --detach --wait postgres redis",
      "docker tag=v2 run --rm --no-deps migrate",
      "docker tag=v2 up --detach --no-deps --force-recreate gateway",
      "docker tag=v2 ps --all --format {{.State}} {{.Health}} gateway",
      "docker tag=v2 up --detach --no-deps --force-recreate web",
      "docker tag=v2 ps --all --format {{.State}} {{.Health}} web",
      "docker tag=v2 up --detach --no-deps --force-recreate worker",
      "docker tag=v2 ps --all --format {{.State}} {{.Health}} worker",
    ]);
    expect(result.calls[0]).toContain("--project-name shopflow-prod");
    expect(result.calls[0]).toContain(`--env-file ${path.join(dir, "prod.env")}`);
    expect(fs.readFileSync(path.join(dir, "prod", "current-tag"), "utf8")).toBe("v2\n");
  });

  it("rolls every role back to the previous tag when a new role does not become healthy, and exits 1", () => {
    const dir = fs.mkdtempSync(path.join(tmp, "rollback-"));
    fs.mkdirSync(path.join(dir, "prod"));
    fs.writeFileSync(path.join(dir, "prod", "current-tag"), "v2\n");
    const result = runScript("deploy.sh", ["prod", "--env-file", envFile(dir, GOOD_SECRETS), "--tag", "v3", "--health-timeout", "0"], { SHOPFLOW_DEPLOY_STATE: dir, FAKE_UNHEALTHY_TAG: "v3" }, dir);
    expect(result.status).toBe(1);
    expect(composeCalls(result.calls)).toEqual([
      "docker tag=v3 build gateway",
      "docker tag=v3 up --detach --wait postgres redis",
      "docker tag=v3 run --rm --no-deps migrate",
      "docker tag=v3 up --detach --no-deps --force-recreate gateway",
      "docker tag=v3 ps --all --format {{.State}} {{.Health}} gateway",
      // gateway on v3 is unhealthy: nothing else moves to v3; every role goes back to v2.
      "docker tag=v2 up --detach --no-deps --force-recreate gateway",
      "docker tag=v2 ps --all --format {{.State}} {{.Health}} gateway",
      "docker tag=v2 up --detach --no-deps --force-recreate web",
      "docker tag=v2 ps --all --format {{.State}} {{.Health}} web",
      "docker tag=v2 up --detach --no-deps --force-recreate worker",
      "docker tag=v2 ps --all --format {{.State}} {{.Health}} worker",
    ]);
    expect(result.output).toContain("rolled back to shopflow:v2; shopflow:v3 failed its health check");
    expect(fs.readFileSync(path.join(dir, "prod", "current-tag"), "utf8")).toBe("v2\n");
  });

  it("says so when there is nothing to roll back to", () => {
    const dir = fs.mkdtempSync(path.join(tmp, "first-"));
    const result = runScript("deploy.sh", ["prod", "--env-file", envFile(dir, GOOD_SECRETS), "--tag", "v1", "--health-timeout", "0"], { SHOPFLOW_DEPLOY_STATE: dir, FAKE_UNHEALTHY_TAG: "v1" }, dir);
    expect(result.status).toBe(1);
    expect(result.output).toContain("no previous tag to roll back to");
    expect(result.calls.filter((call) => call.includes(" up --detach --no-deps"))).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, "prod", "current-tag"))).toBe(false);
  });
});

describe("scripts/deploy/systemd.sh (bare metal)", () => {
  const commit = spawnSync("git", ["rev-parse", "--short=12", "HEAD"], { cwd: ROOT, encoding: "utf8" }).stdout.trim();

  function setUp(name: string) {
    const dir = fs.mkdtempSync(path.join(tmp, `${name}-`));
    const units = path.join(dir, "units");
    fs.mkdirSync(units);
    const file = envFile(dir, { DATABASE_URL: "postgres://shopflow:h7Kd92LmQx4TzW1c@db.internal:5432/shopflow", NEXTAUTH_SECRET: GOOD_SECRETS.NEXTAUTH_SECRET, GATEWAY_SECRET: GOOD_SECRETS.GATEWAY_SECRET, NEXTAUTH_URL: GOOD_SECRETS.NEXTAUTH_URL, PORT: "3100" });
    return { dir, units, file, prefix: path.join(dir, "opt") };
  }

  it("refuses a default database password, and judges the file the units read, in prod", () => {
    const { dir, units, prefix } = setUp("systemd-secrets");
    const file = envFile(dir, { ...GOOD_SECRETS, NEXTAUTH_SECRET: "too-short", DATABASE_URL: "postgres://postgres:postgres@127.0.0.1:5432/shopflow" });
    // The units read the file, not the deploying shell: a good value in the shell does not count.
    const result = runScript("systemd.sh", ["prod", "--env-file", file, "--prefix", prefix], { SYSTEMD_UNIT_DIR: units, NEXTAUTH_SECRET: GOOD_SECRETS.NEXTAUTH_SECRET }, dir);
    expect(result.status).toBe(1);
    expect(result.output).toContain("refused: DATABASE_URL's password is a default");
    expect(result.output).toContain("refused: NEXTAUTH_SECRET is shorter than 32 characters");
    expect(result.calls).toEqual([]);
  });

  it("builds a release with CI's commands, migrates, switches current, restarts each role after the previous is healthy", () => {
    const { dir, units, file, prefix } = setUp("systemd");
    const result = runScript("systemd.sh", ["prod", "--env-file", file, "--prefix", prefix], { SYSTEMD_UNIT_DIR: units }, dir);
    expect(result.output).toContain(`deployed ${commit} to prod`);
    expect(result.status).toBe(0);
    expect(result.calls).toEqual([
      `npm ci --no-audit --no-fund (in ${commit}, env file none)`,
      `npm run build (in ${commit}, env file none)`,
      `npm prune --omit=dev --no-audit --no-fund (in ${commit}, env file none)`,
      `npm run db:migrate (in ${commit}, env file ${file})`,
      "systemctl daemon-reload",
      "systemctl enable shopflow@prod.target",
      "systemctl restart shopflow-gateway@prod.service",
      `health gateway on ${commit} port 3100`,
      "systemctl restart shopflow-web@prod.service",
      `health web on ${commit} port 3100`,
      "systemctl restart shopflow-worker@prod.service",
      `health worker on ${commit} port 3100`,
    ]);
    expect(fs.readlinkSync(path.join(prefix, "prod", "current"))).toBe(path.join(prefix, "prod", "releases", commit));
    expect(fs.existsSync(path.join(prefix, "prod", "releases", commit, "scripts", "role.ts"))).toBe(true);
    expect(fs.readdirSync(units).sort()).toEqual(["shopflow-gateway@.service", "shopflow-web@.service", "shopflow-worker@.service", "shopflow@.target"]);
  });

  it("points current back at the previous release when the new one is not healthy, and exits 1", () => {
    const { dir, units, file, prefix } = setUp("systemd-rollback");
    const previous = path.join(prefix, "prod", "releases", "previous-release");
    fs.mkdirSync(path.join(previous, "scripts"), { recursive: true });
    fs.symlinkSync(previous, path.join(prefix, "prod", "current"));
    const result = runScript("systemd.sh", ["prod", "--env-file", file, "--prefix", prefix, "--health-timeout", "0"], { SYSTEMD_UNIT_DIR: units, FAKE_UNHEALTHY_RELEASE: commit }, dir);
    expect(result.status).toBe(1);
    expect(result.calls.slice(6)).toEqual([
      "systemctl restart shopflow-gateway@prod.service",
      `health gateway on ${commit} port 3100`,
      "systemctl restart shopflow-gateway@prod.service",
      "health gateway on previous-release port 3100",
      "systemctl restart shopflow-web@prod.service",
      "health web on previous-release port 3100",
      "systemctl restart shopflow-worker@prod.service",
      "health worker on previous-release port 3100",
    ]);
    expect(fs.readlinkSync(path.join(prefix, "prod", "current"))).toBe(previous);
    expect(result.output).toContain(`rolled back to ${previous}; release ${commit} failed its health check`);
  });
});

describe("shell and unit files", () => {
  const shellcheck = spawnSync("shellcheck", ["--version"]).status === 0;
  it.skipIf(!shellcheck)("the deploy scripts are shellcheck-clean (skipped where shellcheck is not installed)", () => {
    const scripts = fs.readdirSync(path.join(ROOT, "scripts/deploy")).filter((name) => name.endsWith(".sh")).map((name) => `scripts/deploy/${name}`);
    const result = spawnSync("shellcheck", ["-x", "-s", "bash", ...scripts], { cwd: ROOT, encoding: "utf8" });
    expect(result.stdout).toBe("");
    expect(result.status).toBe(0);
  });

  const analyze = spawnSync("systemd-analyze", ["--version"]).status === 0;
  it.skipIf(!analyze)("systemd-analyze verify finds nothing wrong in the units (skipped without systemd-analyze)", () => {
    const dir = fs.mkdtempSync(path.join(tmp, "units-"));
    for (const name of fs.readdirSync(path.join(ROOT, "ops/systemd"))) fs.copyFileSync(path.join(ROOT, "ops/systemd", name), path.join(dir, name));
    const instances = ["shopflow-gateway@prod.service", "shopflow-web@prod.service", "shopflow-worker@prod.service", "shopflow@prod.target"].map((name) => path.join(dir, name));
    const result = spawnSync("systemd-analyze", ["verify", ...instances], { encoding: "utf8" });
    // Where node is not /usr/bin/node (nvm, another prefix) the unit is still right for a Debian node.
    const findings = (result.stdout + result.stderr).split("\n").filter((line) => line.trim() && !line.includes("/usr/bin/node"));
    expect(findings).toEqual([]);
  });

  it("each role's unit starts it with the command npm start and the image use", () => {
    for (const role of ["gateway", "web", "worker"]) {
      const unit = fs.readFileSync(path.join(ROOT, `ops/systemd/shopflow-${role}@.service`), "utf8");
      const flags = role === "gateway" ? "--max-semi-space-size=16 --max-old-space-size=192 " : "";
      expect(unit, role).toContain(`ExecStart=/usr/bin/node ${flags}--import tsx scripts/role.ts --role ${role}`);
      expect(unit, role).toContain("User=shopflow");
      expect(unit, role).toContain("EnvironmentFile=/etc/shopflow/%i.env");
    }
  });
});
