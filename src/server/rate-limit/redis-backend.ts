import { Redis } from "ioredis";
import type { CounterBackend, CounterDelta, CounterTotal } from "./shared-counters";

/**
 * Shared counts in Redis (when REDIS_URL is set). One Redis key per limited key and window
 * (`<prefix><key>:<windowStart>`), expiring when its window ends, so there is nothing to
 * sweep. A batch is one pipeline of INCRBY + PEXPIREAT per key: one round trip per flush.
 */
export class RedisCounterBackend implements CounterBackend {
  private readonly redis: Redis;

  constructor(redisOrUrl: Redis | string, private readonly prefix = "shopflow:rl:") {
    // One retry: while Redis is down, a flush fails soon and its hits are kept for the next one.
    this.redis = typeof redisOrUrl === "string" ? new Redis(redisOrUrl, { maxRetriesPerRequest: 1 }) : redisOrUrl;
    // Connection errors are reported by the failed flushes; an unhandled 'error' event would crash the process.
    this.redis.on("error", () => {});
  }

  private name(key: string, windowStart: number): string {
    return `${this.prefix}${key}:${windowStart}`;
  }

  async add(deltas: readonly CounterDelta[]): Promise<CounterTotal[]> {
    if (deltas.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const d of deltas) {
      const name = this.name(d.key, d.windowStart);
      pipeline.incrby(name, d.hits);
      // A second past the window's end: a process with a slightly slow clock still finds it.
      pipeline.pexpireat(name, d.windowStart + d.windowMs + 1_000);
    }
    const results = (await pipeline.exec()) ?? [];
    return deltas.map((d, i) => {
      const [error, total] = results[i * 2] ?? [new Error("no reply")];
      if (error) throw error;
      return { key: d.key, windowStart: d.windowStart, hits: Number(total) };
    });
  }

  async read(key: string, windowStart: number): Promise<number> {
    return Number((await this.redis.get(this.name(key, windowStart))) ?? 0);
  }

  async remove(key: string, windowStart: number): Promise<void> {
    await this.redis.del(this.name(key, windowStart));
  }

  async sweep(): Promise<void> {}

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
