import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname, "src"),
      // `server-only` throws outside React Server Components; tests run our server code directly.
      "server-only": path.resolve(import.meta.dirname, "test/empty-module.ts"),
    },
  },
  test: {
    // Playwright specs live in e2e/ and are not vitest's.
    include: ["src/**/*.test.ts", "scripts/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup-env.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // SHOPFLOW_ENV_FILE="": no .env for tests or the processes they start (a developer's .env must not leak in).
    env: { SHOPFLOW_ENV_FILE: "", NODE_ENV: "test", BCRYPT_COST: "4", LOG_LEVEL: "silent", NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-0000", GATEWAY_SECRET: "test-gateway-secret-0000" },
  },
});
