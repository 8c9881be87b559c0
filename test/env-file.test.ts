/**
 * `.env` is read by every command (real environment first), and `.env.example` documents every
 * variable the code reads.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "shopflow-env-"));
afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));

/** Variables the environment gives our code that no operator sets. */
const NOT_FOR_OPERATORS = new Map([
  ["NEXT_RUNTIME", "set by Next.js for each runtime"],
  ["NEXT_PHASE", "set by Next.js during a build"],
  ["BENCH_BARE_GATEWAY", "benchmarks only (bench/)"],
  ["BENCH_WEB_NODE_FLAGS", "benchmarks only (bench/): Node flags for Next, e.g. --cpu-prof"],
  ["SHOPFLOW_FLOOR_PAGE", "benchmarks and e2e only: the empty page pages are measured against"],
]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true }).flatMap((entry) => {
    const file = path.join(entry.parentPath, entry.name);
    return entry.isFile() && /\.(ts|tsx|mjs)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

/** Every variable name the code reads: src/env.ts's schema, and every process.env (or env) read in src/ and scripts/. */
function variablesTheCodeReads(): Set<string> {
  const names = new Set<string>();
  const schema = fs.readFileSync(path.join(ROOT, "src/env.ts"), "utf8");
  const body = schema.slice(schema.indexOf("z.object({"), schema.indexOf("}).transform"));
  for (const match of body.matchAll(/^\s{2}([A-Z][A-Z0-9_]+):/gm)) names.add(match[1]!);
  for (const file of [...sourceFiles("src"), ...sourceFiles("scripts")]) {
    const text = fs.readFileSync(file, "utf8");
    for (const match of text.matchAll(/\b(?:process\.env|env\(\)|env|environment)\.([A-Z][A-Z0-9_]+)\b/g)) names.add(match[1]!);
    for (const match of text.matchAll(/process\.env\[\s*["']([A-Z][A-Z0-9_]+)["']\s*\]/g)) names.add(match[1]!);
  }
  return names;
}

function documentedVariables(): Set<string> {
  const text = fs.readFileSync(path.join(ROOT, ".env.example"), "utf8");
  return new Set([...text.matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]!));
}

/** Runs a snippet under tsx after scripts/load-env-file.ts, the way the entry points import it. */
function envAfterLoading(env: Record<string, string>, names: string[]) {
  const result = spawnSync(
    process.execPath,
    ["--import", "tsx", "--import", "./scripts/load-env-file.ts", "-e", `console.log(JSON.stringify(Object.fromEntries(${JSON.stringify(names)}.map((n) => [n, process.env[n] ?? null]))))`],
    { cwd: ROOT, env: { PATH: process.env.PATH, NODE_ENV: "test", ...env }, encoding: "utf8" },
  );
  return { status: result.status, stderr: result.stderr, values: result.status === 0 ? (JSON.parse(result.stdout) as Record<string, string | null>) : {} };
}

describe(".env.example", () => {
  it("lists every variable src/env.ts validates and src/ and scripts/ read", () => {
    const documented = documentedVariables();
    const read = variablesTheCodeReads();
    // The scan must see the well-known ones, or it scans nothing.
    for (const known of ["DATABASE_URL", "PG_PORT", "SHOPFLOW_DATA_DIR", "BCRYPT_COST", "INNGEST_EVENT_KEY", "METRICS_TOKEN", "REDIS_URL", "SEED_DEMO", "HOST"]) {
      expect(read, known).toContain(known);
    }
    const missing = [...read].filter((name) => !documented.has(name) && !NOT_FOR_OPERATORS.has(name)).sort();
    expect(missing, "add these to .env.example with their default and meaning").toEqual([]);
  });

  it("gives each variable a comment line above it", () => {
    const lines = fs.readFileSync(path.join(ROOT, ".env.example"), "utf8").split("\n");
    const bare = lines.flatMap((line, index) => (/^#?\s?[A-Z][A-Z0-9_]+=/.test(line) && !/^#\s?[A-Z][A-Z0-9_]+=/.test(lines[index - 1] ?? "") && !/^# \S/.test(lines[index - 1] ?? "") ? [line] : []));
    expect(bare).toEqual([]);
  });
});

describe("the .env file", () => {
  const file = path.join(tempDir, "test.env");
  fs.writeFileSync(file, 'LOG_LEVEL=debug\nPORT=4321\nWEBHOOK_ALLOWED_HOSTS="127.0.0.1:4000"\n');

  it("fills in what the real environment does not set; the real environment wins, even when empty", () => {
    const { values, stderr } = envAfterLoading({ SHOPFLOW_ENV_FILE: file, PORT: "5000", WEBHOOK_ALLOWED_HOSTS: "" }, ["LOG_LEVEL", "PORT", "WEBHOOK_ALLOWED_HOSTS"]);
    expect(stderr).toBe("");
    expect(values).toEqual({ LOG_LEVEL: "debug", PORT: "5000", WEBHOOK_ALLOWED_HOSTS: "" });
  });

  it("is skipped when SHOPFLOW_ENV_FILE is empty, and a named file that is missing stops the command", () => {
    expect(envAfterLoading({ SHOPFLOW_ENV_FILE: "" }, ["LOG_LEVEL"]).values).toEqual({ LOG_LEVEL: null });
    const missing = envAfterLoading({ SHOPFLOW_ENV_FILE: path.join(tempDir, "nope.env") }, ["LOG_LEVEL"]);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toContain("SHOPFLOW_ENV_FILE names");
  });

  it("gives npm run db:migrate its DATABASE_URL (before, it started the embedded database instead)", async () => {
    const adminUrl = inject("adminDatabaseUrl");
    const name = `shopflow_envfile_${process.pid}_${Date.now()}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const envFile = path.join(tempDir, "db.env");
    // A data dir and port of its own: were .env ignored, the embedded server would start there.
    fs.writeFileSync(envFile, `DATABASE_URL=${url.toString()}\n`);
    try {
      const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/db-migrate.ts"], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, NODE_ENV: "test", SHOPFLOW_ENV_FILE: envFile, SHOPFLOW_DATA_DIR: path.join(tempDir, "data"), PG_PORT: "1" },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(result.stderr).toBe("");
      expect(result.stdout).toContain("migrations applied");
      const database = postgres(url.toString(), { max: 1, onnotice: () => {} });
      const [row] = await database<{ applied: number }[]>`select count(*)::int as applied from drizzle.__drizzle_migrations`;
      await database.end();
      expect(row!.applied).toBeGreaterThan(0);
      expect(fs.existsSync(path.join(tempDir, "data", "postgres"))).toBe(false);
    } finally {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  });
});
