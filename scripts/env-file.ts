/**
 * The `.env` file, read once at every entry point (scripts/*.ts, drizzle.config.ts) before
 * anything looks at process.env: a DATABASE_URL written there is used instead of starting the
 * embedded PostgreSQL. Variables already in the real environment win over the file (even when
 * set to an empty value), so `PORT=4000 npm start` still works with a PORT in .env.
 *
 * SHOPFLOW_ENV_FILE names another file; set to an empty value it turns the file off (the test
 * runners do that, so a developer's .env never leaks into a test). Parsing is Node's own
 * (`process.loadEnvFile`, the same parser as `node --env-file`): no dependency, one syntax.
 */
import fs from "node:fs";
import path from "node:path";

// drizzle-kit loads its config as CommonJS, where import.meta is empty: it runs from the root.
const ROOT = typeof import.meta.dirname === "string" ? path.resolve(import.meta.dirname, "..") : process.cwd();

/** Loads the environment file into `process.env` when there is one; returns its path, or null. */
export function loadEnvFile(): string | null {
  const wanted = process.env.SHOPFLOW_ENV_FILE ?? ".env";
  if (wanted === "") return null;
  const file = path.resolve(ROOT, wanted);
  if (!fs.existsSync(file)) {
    // An explicitly named file that is missing is a mistake worth stopping for; a missing .env is normal.
    if (process.env.SHOPFLOW_ENV_FILE) throw new Error(`SHOPFLOW_ENV_FILE names ${file}, which does not exist`);
    return null;
  }
  process.loadEnvFile(file);
  return file;
}
