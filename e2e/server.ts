/**
 * The server the end-to-end specs run against, described once: Playwright's config starts it
 * for a run of its own (`npx playwright test`), and `npm test` starts it once for the suite's
 * three phases (scripts/test-all.ts), so the two never drift apart.
 *
 * A production build served by scripts/start.ts on a fresh embedded database (or DATABASE_URL
 * when the test runner provides one), with its own port, data directory and settings.
 */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_READY_URL = `${E2E_BASE_URL}/api/ready`;

/** How the server is started, from the project's root. */
export const E2E_SERVER_COMMAND = ["node_modules/tsx/dist/cli.mjs", "scripts/start.ts"];

/** The server's environment, on top of the runner's own (`runner`, where E2E_* settings are read). */
export function e2eServerEnv(runner: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return {
    PORT: String(E2E_PORT),
    NEXTAUTH_URL: E2E_BASE_URL,
    SHOPFLOW_DATA_DIR: runner.E2E_DATA_DIR ?? ".data/e2e",
    PG_PORT: String(Number(runner.E2E_PG_PORT ?? 54339)),
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
  };
}

/**
 * Set by `npm test` when it has started the server itself: Playwright then uses that one
 * instead of starting its own for each phase.
 */
export const E2E_SERVER_STARTED_BY_RUNNER = process.env.E2E_SERVER_STARTED === "1";
