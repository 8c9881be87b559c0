/**
 * `npm test`: every check, in order, then one summary line.
 *   typecheck (1 check) · lint (1 check) · vitest (each test) · production build (1 check) ·
 *   Playwright against that build (each test)
 * Integration tests get a fresh database per run (DATABASE_URL's server or an embedded one);
 * the e2e server gets a fresh one too. Prints `N passed, N failed`; exits 1 on any failure.
 * `--skip-e2e` stops after vitest (handy while developing); `--e2e-only` builds and runs Playwright
 * alone (after a change to the specs or their phases).
 */
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { ROOT, run, stopChild } from "./lib";
import { createTestDatabase } from "../test/test-database";
import { E2E_READY_URL, E2E_SERVER_COMMAND, e2eServerEnv } from "../e2e/server";

const skipE2e = process.argv.includes("--skip-e2e");
const e2eOnly = process.argv.includes("--e2e-only");
const results = path.join(ROOT, "test-results");
fs.mkdirSync(results, { recursive: true });
const BIN = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

let passed = 0;
let failed = 0;
const lines: string[] = [];
/** Each failed test by name, printed again just above the summary, where a CI log's tail shows it. */
const failures: string[] = [];

type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; assertionResults: { fullName: string; status: string }[] }[];
};
type PlaywrightSuite = { title: string; file: string; specs: { title: string; ok: boolean }[]; suites?: PlaywrightSuite[] };
type PlaywrightReport = { stats: { expected: number; unexpected: number; flaky: number }; suites: PlaywrightSuite[] };

/** The titles of a Playwright report's failed tests, with their files. */
function failedSpecs(suites: PlaywrightSuite[]): string[] {
  return suites.flatMap((suite) => [
    ...suite.specs.filter((spec) => !spec.ok).map((spec) => `${suite.file} › ${spec.title}`),
    ...failedSpecs(suite.suites ?? []),
  ]);
}
function record(name: string, ok: number, bad: number) {
  passed += ok;
  failed += bad;
  lines.push(`${name.padEnd(12)} ${ok} passed, ${bad} failed`);
}

/**
 * Two checks at once, each one's output printed whole when it ends (not interleaved). For the
 * typecheck and lint: each is one thread, so side by side they take the time of the longer.
 */
async function checksSideBySide(...checks: { name: string; command: string; args: string[] }[]): Promise<boolean[]> {
  const codes = await Promise.all(
    checks.map(async ({ name, command, args }) => {
      const { code, output } = await runCaptured(command, args);
      console.log(`\n=== ${name}: ${[path.basename(command), ...args].join(" ")}\n${output}`);
      return code;
    }),
  );
  checks.forEach(({ name }, index) => record(name, codes[index] === 0 ? 1 : 0, codes[index] === 0 ? 0 : 1));
  return codes.map((code) => code === 0);
}

function runCaptured(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output: Buffer.concat(chunks).toString("utf8") }));
  });
}

async function check(name: string, command: string, args: string[], env?: NodeJS.ProcessEnv) {
  console.log(`\n=== ${name}: ${[path.basename(command), ...args].join(" ")}`);
  const code = await run(command, args, { env: { ...process.env, ...env } });
  record(name, code === 0 ? 1 : 0, code === 0 ? 0 : 1);
  return code === 0;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

/**
 * The Playwright suite in three phases against one server (playwright.config.ts's projects): the
 * page walker alone, first; then the specs that keep to their own data, two at a time (one core
 * renders a page while the other serves one); then the specs that change the whole shop, one at
 * a time. Three runs of Playwright instead of one because Playwright has no way to run one
 * project alone after others ran two at a time; the server is started once, here, so it is
 * shared by the three. A phase runs even when one before it failed.
 */
async function runE2ePhases(env: Record<string, string>): Promise<{ passed: number; failed: number }> {
  const runnerEnv = { ...process.env, ...env };
  const serverEnv = { ...runnerEnv, ...e2eServerEnv(runnerEnv) };
  const server = spawn(process.execPath, E2E_SERVER_COMMAND, { cwd: ROOT, env: serverEnv, stdio: ["ignore", "inherit", "inherit"] });
  const tally = { passed: 0, failed: 0 };
  try {
    if (!(await serverReady(server, 240_000))) {
      console.log("the e2e server did not become ready");
      return { passed: 0, failed: 1 };
    }
    const phases = [
      { project: "page-walk", workers: 1 },
      { project: "shared", workers: 2 },
      { project: "shop-wide", workers: 1 },
    ];
    for (const { project, workers } of phases) {
      const json = path.join(results, `e2e-${project}.json`);
      fs.rmSync(json, { force: true });
      console.log(`\n--- e2e phase: ${project}, ${workers} worker${workers > 1 ? "s" : ""}`);
      const code = await run(BIN("playwright"), ["test", `--project=${project}`, `--workers=${workers}`], {
        env: { ...serverEnv, PLAYWRIGHT_JSON_OUTPUT: json, E2E_SERVER_STARTED: "1" },
      });
      const report = readJson<PlaywrightReport>(json);
      if (!report) {
        tally.failed += 1;
        failures.push(`e2e     ${project}: no report`);
        continue;
      }
      failures.push(...failedSpecs(report.suites).map((name) => `e2e     ${name}`));
      tally.passed += report.stats.expected + report.stats.flaky;
      tally.failed += report.stats.unexpected + (code !== 0 && report.stats.unexpected === 0 ? 1 : 0);
    }
    return tally;
  } finally {
    await stopChild(server, 20_000);
  }
}

/** Waits until the server answers ready; false when it exits or the time is up first. */
async function serverReady(server: ReturnType<typeof spawn>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) return false;
    const ready = await fetch(E2E_READY_URL, { signal: AbortSignal.timeout(2_000) }).then((answer) => answer.ok, () => false);
    if (ready) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const typesChecked = e2eOnly ? false : await unitChecks();
  if (!skipE2e) await e2eChecks(typesChecked);

  if (failures.length > 0) console.log(`\nFailed:\n${failures.map((name) => `  ${name}`).join("\n")}`);
  console.log("\n" + lines.join("\n"));
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

/** Typecheck and lint side by side, then vitest; true when the types checked. */
async function unitChecks(): Promise<boolean> {
  const [typesChecked] = await checksSideBySide(
    { name: "typecheck", command: BIN("tsc"), args: ["--noEmit"] },
    { name: "lint", command: BIN("eslint"), args: ["--max-warnings=0", "."] },
  );

  const vitestJson = path.join(results, "vitest.json");
  fs.rmSync(vitestJson, { force: true });
  console.log("\n=== vitest: unit and integration tests");
  const vitestCode = await run(BIN("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile=${vitestJson}`]);
  const vitest = readJson<VitestReport>(vitestJson);
  for (const file of vitest?.testResults ?? []) {
    for (const test of file.assertionResults) {
      if (test.status === "failed") failures.push(`vitest  ${path.relative(ROOT, file.name)} › ${test.fullName}`);
    }
  }
  if (vitest) record("vitest", vitest.numPassedTests, vitest.numFailedTests + (vitestCode !== 0 && vitest.numFailedTests === 0 ? 1 : 0));
  else record("vitest", 0, 1);
  return typesChecked!;
}

/** The production build (`npm run build`, as the image and `npm start` build), then Playwright against it. */
async function e2eChecks(typesChecked: boolean) {
  // After a clean typecheck the build skips Next's repeat of it and its cache (next.config.ts).
  const built = await check("build", process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "build.ts")], {
    NODE_ENV: "production",
    ...(typesChecked ? { SHOPFLOW_CI_BUILD: "1" } : {}),
  });
  if (!built) return;
  const dataDir = path.join(ROOT, ".data", "e2e");
  fs.rmSync(dataDir, { recursive: true, force: true });
  // A fresh database for the e2e server: on DATABASE_URL's server when set, else embedded.
  const database = process.env.DATABASE_URL ? await createTestDatabase("shopflow_e2e") : null;
  console.log("\n=== e2e: Playwright against the production build");
  const report = await runE2ePhases({ E2E_DATA_DIR: dataDir, ...(database ? { DATABASE_URL: database.url } : {}) });
  await database?.drop();
  record("e2e", report.passed, report.failed);
}

void main();
