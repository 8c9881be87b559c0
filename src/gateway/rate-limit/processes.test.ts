import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { createInterface } from "node:readline";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";

/**
 * Two gateway processes (separate Node processes, each with its own counters per store) on one
 * store:
 * requests spread over both are counted together. Each gateway writes its counts when the
 * test calls its /flush route, standing in for the flush timer, so the run is deterministic:
 * between two flushes each gateway takes PER_FLUSH requests.
 */
const ROOT = path.resolve(import.meta.dirname, "../../..");
const SCRIPT = path.join(ROOT, "test/processes/rate-limited-gateway.ts");
const REDIS_URL = "redis://127.0.0.1:6379";
const LIMIT = 20;
const PER_FLUSH = 5;
/**
 * An hour's window: counts start over at each window boundary (windows are aligned), and a
 * run that straddled one would see a fresh allowance. The test starts well inside an hour.
 */
const WINDOW_MS = 3_600_000;

const children: ChildProcess[] = [];
afterAll(async () => {
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGTERM");
        }),
    ),
  );
});

/** Starts one gateway process and resolves with its base URL once it listens (a generous deadline: a loaded machine starts Node slowly). */
function startGateway(env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ["--import", "tsx", SCRIPT], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error("gateway process did not start within 100 s")), 100_000);
    child.once("exit", (code) => reject(new Error(`gateway process exited with ${code}`)));
    createInterface({ input: child.stdout! }).once("line", (line) => {
      clearTimeout(deadline);
      resolve(`http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`);
    });
  });
}

async function redisReachable(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on("error", () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
const stores = (await redisReachable()) ? ["postgres", "redis"] : ["postgres"];

// A key space of this run's own, so nothing another run or test counted can interfere.
const KEY_PREFIX = `test:${randomUUID()}:`;
// Both processes start together (start-up is most of this test's time); each serves every store.
const started = Promise.all([1, 2].map(() => startGateway({ RATE_LIMIT_WINDOW_MS: String(WINDOW_MS), KEY_PREFIX, REDIS_URL: stores.includes("redis") ? REDIS_URL : "" })));
// A failed start is reported by the tests that await it, not as an unhandled rejection before them.
started.catch(() => {});

/** Resolves once at least `marginMs` of the current window remain (waits into the next one otherwise). */
async function wellInsideWindow(marginMs: number): Promise<void> {
  const deadline = Date.now() + marginMs + 1_000;
  while (WINDOW_MS - (Date.now() % WINDOW_MS) < marginMs) {
    if (Date.now() > deadline) throw new Error("the clock did not reach the next window");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(stores)("two gateway processes on %s", (store) => {
  it("share one limit: requests spread over both are counted together, the excess gets 429 with Retry-After", { timeout: 150_000 }, async () => {
    const gateways = await started;
    await wellInsideWindow(30_000);

    // Every request comes from 127.0.0.1 with a made-up X-Forwarded-For: without a trusted
    // proxy the header must not give the caller a fresh allowance.
    const send = (base: string) => fetch(`${base}/api/${store}/ping`, { headers: { "x-forwarded-for": `203.0.113.${Math.floor(Math.random() * 250)}` } });
    let admitted = 0;
    let refused: { status: number; headers: Headers; body: unknown } | undefined;
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < PER_FLUSH; i++) {
        for (const base of gateways) {
          const answer = await send(base);
          if (answer.status === 200) {
            admitted++;
            await answer.arrayBuffer();
          } else refused = { status: answer.status, headers: answer.headers, body: await answer.json() };
        }
      }
      await Promise.all(gateways.map((base) => fetch(`${base}/flush`, { method: "POST" }).then((r) => r.arrayBuffer())));
    }

    // 60 requests against a limit of 20: apart, the two would admit 40. Together they admit the
    // limit, plus at most what the other gateway took in one flush interval.
    expect(admitted).toBeGreaterThanOrEqual(LIMIT);
    expect(admitted).toBeLessThanOrEqual(LIMIT + PER_FLUSH);
    expect(refused?.status).toBe(429);
    const retryAfter = Number(refused!.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_MS / 1000);
    expect(refused!.headers.get("ratelimit-remaining")).toBe("0");
    expect(refused!.body).toMatchObject({ status: 429, code: "RATE_LIMITED" });
    // Both now refuse at once.
    for (const base of gateways) expect((await send(base)).status).toBe(429);
  });
});
