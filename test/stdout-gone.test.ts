import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { findFreePort } from "../src/server/db/embedded";
import { createScratchDatabase } from "./test-database";

const ROOT = path.resolve(import.meta.dirname, "..");

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * A role whose supervisor was killed outright (kill -9, the OOM killer) loses its lifeline and
 * the reader of its output at once. It must stop within its stop timer: a role that lingers
 * keeps its ports and its scheduler lock, and the next start of the app finds them taken. pino's
 * stdout stream (sonic-boom before 5) retried a write that failed with EPIPE forever, in the
 * final flush at exit, so such a worker never exited.
 */
describe("a role whose supervisor is killed", () => {
  let database: Awaited<ReturnType<typeof createScratchDatabase>>;
  beforeAll(async () => {
    database = await createScratchDatabase(inject("databaseUrl"), "shopflow_orphan");
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("stops on its own instead of hanging on its broken output (four rounds at once)", async () => {
    // Whether the last lines meet the broken pipe mid-flush is a race: four workers make a
    // lingering one near certain when the bug is there.
    const rounds = await Promise.all(
      [0, 1, 2, 3].map(async () => {
        const supervisor = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "test", "processes", "stand-in-supervisor.ts"), "worker"], {
          cwd: ROOT,
          stdio: ["ignore", "pipe", "inherit"],
          env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: "production", LOG_LEVEL: "info", LOG_STORE: "on", METRICS_PORT: String(await findFreePort()) },
        });
        const lines = readline.createInterface({ input: supervisor.stdout! })[Symbol.asyncIterator]();
        const first = await lines.next();
        const { rolePid } = JSON.parse(String(first.value)) as { rolePid: number };
        // The worker is up once it has tried for the scheduler's lead (one leads, the others wait).
        for (let line = await lines.next(); !line.done && !String(line.value).includes("leader"); line = await lines.next());
        return { supervisor, rolePid };
      }),
    );
    for (const { supervisor } of rounds) supervisor.kill("SIGKILL");

    const deadline = Date.now() + 20_000;
    while (rounds.some(({ rolePid }) => isAlive(rolePid)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const lingering = rounds.filter(({ rolePid }) => isAlive(rolePid));
    for (const { rolePid } of lingering) process.kill(rolePid, "SIGKILL");
    expect(lingering.length, "workers still running 20 s after their supervisor died").toBe(0);
  });
});
