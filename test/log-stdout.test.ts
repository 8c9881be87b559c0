/**
 * The process logger writes stdout in chunks (src/server/observability/logger.ts,
 * stdoutDestination): lines gather up to 4 KB instead of one write each. What must hold for
 * the people reading those logs: a quiet process's line still shows up within a moment, and a
 * process that exits leaves no line behind.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const LOGGER = path.join(ROOT, "src", "server", "observability", "logger.ts");

/** A child process running `body` with the app's logger as `logger`; resolves its stdout lines as they come. */
function runWithLogger(body: string) {
  const script = `import { createLogger } from ${JSON.stringify(LOGGER)}; const logger = createLogger({ level: "info" }); ${body}`;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, NODE_ENV: "production", LOG_STORE: "off" },
  });
  const lines: string[] = [];
  let pending = "";
  const waiters: (() => void)[] = [];
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    const parts = (pending + chunk).split("\n");
    pending = parts.pop() ?? "";
    lines.push(...parts);
    for (const wake of waiters.splice(0)) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  /** Waits until `count` lines arrived (or fails after `timeoutMs`). */
  const until = (count: number, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${lines.length} of ${count} lines after ${timeoutMs} ms`)), timeoutMs);
      const check = () => (lines.length >= count ? (clearTimeout(timer), resolve()) : waiters.push(check));
      check();
    });
  return { child, lines, exited, until };
}

describe("the process logger's stdout", () => {
  it("shows a lone line within a second while the process keeps running", async () => {
    const run = runWithLogger(`logger.info({ type: "access", status: 200 }, "request"); setInterval(() => {}, 1000);`);
    try {
      await run.until(1, 5_000);
      expect(JSON.parse(run.lines[0]!)).toMatchObject({ type: "access", status: 200, msg: "request" });
    } finally {
      run.child.kill("SIGKILL");
    }
  });

  it("writes every line before the process exits", async () => {
    const run = runWithLogger(`for (let i = 0; i < 500; i++) logger.info({ i }, "line"); process.exit(0);`);
    expect(await run.exited).toBe(0);
    expect(run.lines.map((line) => (JSON.parse(line) as { i: number }).i)).toEqual(Array.from({ length: 500 }, (_, i) => i));
  });
});
