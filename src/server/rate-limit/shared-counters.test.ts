import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { count, like } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { rateLimitCounters } from "@/server/db/schema";
import { PostgresCounterBackend, RedisCounterBackend, SharedCounters, type CounterBackend } from ".";

const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const MINUTE = 60_000;

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
const hasRedis = await redisReachable();

const opened: SharedCounters[] = [];
afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
});

type Kind = "postgres" | "redis";
/** A store instance as one process would hold it: its own backend (and for Redis its own connection). */
function processStore(kind: Kind, now?: () => number): SharedCounters {
  const backend: CounterBackend = kind === "postgres" ? new PostgresCounterBackend(getDb) : new RedisCounterBackend(REDIS_URL, `test:${process.pid}:`);
  // A long interval: the tests flush by hand, standing in for the timer.
  const counters = new SharedCounters(backend, { flushIntervalMs: 60_000, now });
  opened.push(counters);
  return counters;
}

/** The key's shared count as a fresh process would learn it: a zero-cost hit, flushed. */
async function sharedCount(kind: Kind, key: string, now?: () => number): Promise<number> {
  const reader = processStore(kind, now);
  reader.hit(key, MINUTE, 0);
  await reader.flush();
  return reader.peek(key, MINUTE).count;
}

const kinds: Kind[] = hasRedis ? ["postgres", "redis"] : ["postgres"];

describe.each(kinds)("shared counters on %s", (kind) => {
  it("counts hits from two processes together, deciding within the documented overshoot", async () => {
    // One window throughout: on the wall clock a run that crossed a minute boundary started a
    // new window midway and admitted a second allowance.
    const clock = Math.floor(Date.now() / MINUTE) * MINUTE + 1_000;
    const now = () => clock;
    const [a, b] = [processStore(kind, now), processStore(kind, now)];
    const key = `two-${randomUUID()}`;
    const limit = 100;
    const perFlush = 10; // hits each process takes between two flushes
    let admitted = 0;
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < perFlush; i++) {
        if (a.hit(key, MINUTE).count <= limit) admitted++;
        if (b.hit(key, MINUTE).count <= limit) admitted++;
      }
      await Promise.all([a.flush(), b.flush()]);
    }
    // 400 requests, limit 100: at least the limit is admitted, and at most the limit plus
    // what the other process took in one flush interval.
    expect(admitted).toBeGreaterThanOrEqual(limit);
    expect(admitted).toBeLessThanOrEqual(limit + (2 - 1) * perFlush);
    // Every hit reached the store; each process's own view lags by at most the other's last flush.
    expect(await sharedCount(kind, key, now)).toBe(400);
    expect(a.peek(key, MINUTE).count).toBeGreaterThanOrEqual(400 - perFlush);
  });

  it("starts over when the window ends, and a late flush of the old window changes nothing", async () => {
    let clock = Math.floor(Date.now() / MINUTE) * MINUTE + 1_000;
    const now = () => clock;
    const [a, b] = [processStore(kind, now), processStore(kind, now)];
    const key = `window-${randomUUID()}`;
    for (let i = 0; i < 5; i++) a.hit(key, MINUTE);
    await a.flush();
    b.hit(key, MINUTE); // counted locally, not yet written
    expect(b.hit(key, MINUTE).resetMs).toBe(59_000);

    clock += MINUTE;
    expect(a.hit(key, MINUTE)).toEqual({ count: 1, resetMs: 59_000 });
    await a.flush();
    // b's unsent hits belonged to the old window: dropped, and its new hit counts from a's.
    expect(b.hit(key, MINUTE).count).toBe(1);
    await b.flush();
    a.hit(key, MINUTE, 0);
    await a.flush();
    expect(a.peek(key, MINUTE).count).toBe(2);
  });

  it("counts at once with consume in a window from the first hit, reads with inspect and forgets with reset", async () => {
    let clock = Date.now();
    const [a, b] = [processStore(kind, () => clock), processStore(kind, () => clock)];
    const key = `now-${randomUUID()}`;
    expect(await a.inspect(key)).toEqual({ count: 0, resetMs: 0 });
    expect((await a.consume(key, MINUTE)).count).toBe(1);
    // Redis keeps its own time; PostgreSQL rows follow the processes' clock, which the test moves.
    if (kind === "postgres") clock += 20_000;
    const second = await b.consume(key, MINUTE, 2);
    expect(second.count).toBe(3);
    // The window runs from the first hit, whichever process made it.
    const left = kind === "postgres" ? 40_000 : MINUTE;
    expect(second.resetMs).toBeGreaterThan(left - 2_000);
    expect(second.resetMs).toBeLessThanOrEqual(left);
    expect((await a.inspect(key)).count).toBe(3);
    await b.reset(key);
    expect((await a.inspect(key)).count).toBe(0);
    expect((await a.consume(key, MINUTE)).count).toBe(1);
  });

  it("keeps hits it could not write and answers from them", async () => {
    const broken = new SharedCounters(
      kind === "postgres" ? new PostgresCounterBackend(() => { throw new Error("database down"); }) : new RedisCounterBackend("redis://127.0.0.1:1"),
      { flushIntervalMs: 60_000 },
    );
    const key = `down-${randomUUID()}`;
    broken.hit(key, MINUTE);
    await broken.flush();
    expect(broken.hit(key, MINUTE).count).toBe(2);
    await broken.flush();
    expect(broken.peek(key, MINUTE).count).toBe(2);
  });
});

describe("flush timer", () => {
  it("writes at most once per interval however many hits arrive", async () => {
    let writes = 0;
    class CountingBackend extends PostgresCounterBackend {
      override add(deltas: Parameters<CounterBackend["add"]>[0]) {
        writes++;
        return super.add(deltas);
      }
    }
    const counters = new SharedCounters(new CountingBackend(getDb), { flushIntervalMs: 50 });
    opened.push(counters);
    const key = `timer-${randomUUID()}`;
    const started = Date.now();
    // Hits keep coming, also while each flush is under way (the case that once started a second timer).
    while (Date.now() - started < 500) {
      counters.hit(key, MINUTE);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const elapsed = Date.now() - started;
    expect(writes).toBeGreaterThanOrEqual(2);
    expect(writes).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 1);
  });
});

describe("PostgreSQL sweep", () => {
  it("deletes the rows of ended windows and keeps the live ones", async () => {
    const tag = `sweep-${randomUUID()}`;
    const longAgo = Date.now() - 10 * MINUTE;
    const old = processStore("postgres", () => longAgo);
    old.hit(`${tag}-old`, MINUTE);
    await old.flush();
    let clock = Date.now();
    const live = new SharedCounters(new PostgresCounterBackend(getDb), { flushIntervalMs: 60_000, sweepIntervalMs: 1_000, now: () => clock });
    opened.push(live);
    live.hit(`${tag}-live`, MINUTE);
    await live.flush(); // too soon to sweep
    const rows = () => getDb().select({ n: count() }).from(rateLimitCounters).where(like(rateLimitCounters.key, `${tag}%`));
    expect((await rows())[0]!.n).toBe(2);
    clock += 1_000;
    await live.flush();
    expect(await getDb().select({ key: rateLimitCounters.key }).from(rateLimitCounters).where(like(rateLimitCounters.key, `${tag}%`))).toEqual([{ key: `${tag}-live` }]);
  });
});

describe("Redis", () => {
  it.skipIf(!hasRedis)("lets ended windows expire by themselves", async () => {
    const redis = new Redis(REDIS_URL);
    const counters = new SharedCounters(new RedisCounterBackend(redis, "test-expiry:"), { flushIntervalMs: 60_000 });
    const key = `exp-${randomUUID()}`;
    counters.hit(key, MINUTE);
    await counters.flush();
    const [name] = await redis.keys(`test-expiry:${key}:*`);
    const ttl = await redis.pttl(name!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(MINUTE + 1_000);
    await counters.close();
  });
});

describe("Redis expiry after a lost key", () => {
  it.skipIf(!hasRedis)("sets the expiry again when a key this process wrote comes back without it", async () => {
    const redis = new Redis(REDIS_URL);
    const counters = new SharedCounters(new RedisCounterBackend(redis, "test-lost:"), { flushIntervalMs: 60_000 });
    const key = `lost-${randomUUID()}`;
    counters.hit(key, MINUTE);
    await counters.flush();
    const [name] = await redis.keys(`test-lost:${key}:*`);
    await redis.del(name!); // as a Redis restart would
    counters.hit(key, MINUTE);
    await counters.flush();
    expect(await redis.pttl(name!)).toBeGreaterThan(0);
    await counters.close();
  });
});
