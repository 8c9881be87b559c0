/**
 * `npm test`: every check, in order, then one summary line.
 *   typecheck (1 check) · lint (1 check) · vitest (each test) · production build (1 check) ·
 *   Playwright against that build (each test)
 * Integration tests get a fresh database per run (DATABASE_URL's server or an embedded one);
 * the e2e server gets a fresh one too. Prints `N passed, N failed`; exits 1 on any failure.
 * `--skip-e2e` stops after vitest (handy while developing).
 */
import fs from "node:fs";
import path from "node:path";
import { ROOT, run } from "./lib";
import { createTestDatabase } from "../test/test-database";

const skipE2e = process.argv.includes("--skip-e2e");
const results = path.join(ROOT, "test-results");
fs.mkdirSync(results, { recursive: true });
const BIN = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

let passed = 0;
let failed = 0;
const lines: string[] = [];
function record(name: string, ok: number, bad: number) {
  passed += ok;
  failed += bad;
  lines.push(`${name.padEnd(12)} ${ok} passed, ${bad} failed`);
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

async function main() {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const typesChecked = await check("typecheck", BIN("tsc"), ["--noEmit"]);
  await check("lint", BIN("eslint"), ["--max-warnings=0", "."]);

  const vitestJson = path.join(results, "vitest.json");
  fs.rmSync(vitestJson, { force: true });
  console.log("\n=== vitest: unit and integration tests");
  const vitestCode = await run(BIN("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile=${vitestJson}`]);
  const vitest = readJson<{ numPassedTests: number; numFailedTests: number; numTotalTests: number }>(vitestJson);
  if (vitest) record("vitest", vitest.numPassedTests, vitest.numFailedTests + (vitestCode !== 0 && vitest.numFailedTests === 0 ? 1 : 0));
  else record("vitest", 0, 1);

  if (!skipE2e) {
    // `npm run build`, as the container image and `npm start` build (it also writes the build stamp).
    // After a clean typecheck the build skips Next's repeat of it and its cache (next.config.ts).
    const built = await check("build", process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "build.ts")], {
      NODE_ENV: "production",
      ...(typesChecked ? { SHOPFLOW_CI_BUILD: "1" } : {}),
    });
    if (built) {
      const e2eJson = path.join(results, "e2e.json");
      fs.rmSync(e2eJson, { force: true });
      const dataDir = path.join(ROOT, ".data", "e2e");
      fs.rmSync(dataDir, { recursive: true, force: true });
      // A fresh database for the e2e server: on DATABASE_URL's server when set, else embedded.
      const database = process.env.DATABASE_URL ? await createTestDatabase("shopflow_e2e") : null;
      console.log("\n=== e2e: Playwright against the production build");
      const code = await run(BIN("playwright"), ["test"], {
        env: {
          ...process.env,
          PLAYWRIGHT_JSON_OUTPUT: e2eJson,
          E2E_DATA_DIR: dataDir,
          ...(database ? { DATABASE_URL: database.url } : {}),
        },
      });
      await database?.drop();
      const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(e2eJson);
      if (report) record("e2e", report.stats.expected + report.stats.flaky, report.stats.unexpected + (code !== 0 && report.stats.unexpected === 0 ? 1 : 0));
      else record("e2e", 0, 1);
    }
  }

  console.log("\n" + lines.join("\n"));
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

void main();
