import fs from "node:fs";
import { createRequire } from "node:module";
import { defineConfig, devices } from "@playwright/test";
import { E2E_BASE_URL, E2E_READY_URL, E2E_SERVER_COMMAND, E2E_SERVER_STARTED_BY_RUNNER, e2eServerEnv } from "./e2e/server";

/**
 * End-to-end tests against a production build served by scripts/start.ts on a fresh
 * embedded database (or DATABASE_URL when the test runner provides one): e2e/server.ts.
 *
 * Browser: an explicit PLAYWRIGHT_CHROMIUM_PATH, else Playwright's own Chromium when it is
 * installed (`npx playwright install chromium`), else Debian's /usr/bin/chromium.
 */

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

/**
 * Specs that change shop-wide state for their duration, or read shop-wide figures: a spec running
 * beside them would see a changed shop, or change their figures. They run after the others, one
 * at a time.
 * - payment settings: admin-payments sets the card's success rate to 0; the refund specs set the
 *   gateway's refund delay and failure rate; pay-cancel-race the card's latency;
 * - the lifecycle: full-life sets the time scale to 100,000 (every open order would move on) and
 *   the carriers' failure rates to 0;
 * - the API's requests per minute (api-settings);
 * - the simulation's runs, which place orders through the shop's stock (simulation, its history);
 * - the admin home's queues, whose counts a spec compares with the lists they lead to (home).
 */
const SHOP_WIDE =
  /e2e\/(admin\/(api-settings|home|refund-directly)|lifecycle\/full-life|payment\/(admin-payments|refund-items|refund|pay-cancel-race)|simulation\/[^/]+)\.spec\.ts$/;
const PAGE_WALKER = /i18n\/page-walker\.spec\.ts$/;

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  // One at a time unless told (`--workers=2`): with one worker the projects run in the order
  // listed, so a plain `npx playwright test` keeps each phase apart.
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT ?? "test-results/e2e.json" }]],
  use: {
    baseURL: E2E_BASE_URL,
    // A failed test keeps its trace: actions, DOM snapshots, network, console. Not its screencast:
    // the browser encoding a frame whenever the page paints cost about a sixth of a run's CPU
    // (three spec files, 40.4 s against 34.1 s), and the failure's screenshot is kept below.
    // In CI no trace at all: what a CI run leaves is its log, nobody opens its traces, and
    // recording one for every test (a failure's is known only at its end) cost 10–12 % of the
    // wall time (checkout, cashier and static pages, 20 tests, two pairs: 79.6 and 79.1 s with
    // traces, 72.0 and 69.6 s without; the runner and browser's CPU 43.8–45.4 s against 36.9–37.7).
    trace: process.env.CI ? "off" : { mode: "retain-on-failure", screenshots: false },
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
    { name: "page-walk", testMatch: PAGE_WALKER, use: { ...devices["Desktop Chrome"] } },
    // Specs that make their own shoppers, orders and products, and read only those: two of them
    // run at once (`npm test` runs this project with two workers).
    { name: "shared", testIgnore: [PAGE_WALKER, SHOP_WIDE], use: { ...devices["Desktop Chrome"] } },
    // Specs that change what every other spec would see, each alone: see SHOP_WIDE.
    { name: "shop-wide", testMatch: SHOP_WIDE, use: { ...devices["Desktop Chrome"] } },
  ],
  // `npm test` starts the server once for its three phases; a run of its own starts one here.
  webServer: E2E_SERVER_STARTED_BY_RUNNER
    ? undefined
    : {
        command: `node ${E2E_SERVER_COMMAND.join(" ")}`,
        url: E2E_READY_URL,
        timeout: 240_000,
        reuseExistingServer: false,
        gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
        stdout: "pipe",
        stderr: "pipe",
        env: e2eServerEnv(),
      },
});
