import fs from "node:fs";
import { createRequire } from "node:module";
import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests against a production build served by scripts/start.ts on a fresh
 * embedded database (or DATABASE_URL when the test runner provides one).
 *
 * Browser: an explicit PLAYWRIGHT_CHROMIUM_PATH, else Playwright's own Chromium when it is
 * installed (`npx playwright install chromium`), else Debian's /usr/bin/chromium.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://localhost:${PORT}`;

function chromiumPath(): string | undefined {
  if (process.env.PLAYWRIGHT_CHROMIUM_PATH) return process.env.PLAYWRIGHT_CHROMIUM_PATH;
  try {
    const own = createRequire(import.meta.url)("playwright-core").chromium.executablePath() as string;
    if (own && fs.existsSync(own)) return undefined;
  } catch {
    // fall through to the system browser
  }
  return fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT ?? "test-results/e2e.json" }]],
  use: {
    baseURL: BASE_URL,
    // A failed test keeps its trace: actions, DOM snapshots, network, console. Not its screencast:
    // the browser encoding a frame whenever the page paints cost about a sixth of a run's CPU
    // (three spec files, 40.4 s against 34.1 s), and the failure's screenshot is kept below.
    trace: { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    // The page walker reads the app's own words on every page, on the demo seed and the orders it
    // makes itself. It runs first, before the other specs fill the shop with shoppers' free text
    // (messages, refund reasons, names) in either language, which is data, not a language leak.
    // With one worker, projects run in the order listed; no dependency, so a run of one spec
    // file does not walk every page first.
    { name: "page-walk", testMatch: /i18n\/page-walker\.spec\.ts$/, use: { ...devices["Desktop Chrome"] } },
    { name: "chromium", testIgnore: /i18n\/page-walker\.spec\.ts$/, use: { ...devices["Desktop Chrome"] } },
  ],
  webServer: {
    command: "node node_modules/tsx/dist/cli.mjs scripts/start.ts",
    url: `${BASE_URL}/api/ready`,
    timeout: 240_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      NEXTAUTH_URL: BASE_URL,
      SHOPFLOW_DATA_DIR: process.env.E2E_DATA_DIR ?? ".data/e2e",
      PG_PORT: String(Number(process.env.E2E_PG_PORT ?? 54339)),
      LOG_LEVEL: "warn",
      // Admin → Logs specs search request lines, which are info.
      LOG_STORE_LEVEL: "info",
      E2E: "1",
      // bcrypt at its lowest cost, as in the unit tests: the suite checks a password about two
      // hundred times (sign-ins, sign-ups, the rate-limit specs' wrong passwords), and at
      // production's cost 10 each check is several hundred ms of the web process's CPU on a
      // loaded two-core machine. Same code, same checks; only the work factor.
      BCRYPT_COST: "4",
      // The benchmark's empty shop page (src/app/[locale]/(shop)/floor): the page walker reads it too.
      SHOPFLOW_FLOOR_PAGE: "1",
      // The e2e server runs on its own fresh database and settings, never a developer's .env.
      SHOPFLOW_ENV_FILE: "",
    },
  },
});
