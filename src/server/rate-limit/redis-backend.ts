import { Redis } from "ioredis";
import type { AnchoredCount, CounterBackend, CounterDelta, CounterTotal } from "./shared-counters";

/**
 * Shared counts in Redis (when REDIS_URL is set). One Redis key per limited key and window
 * (`<prefix><key>:<windowStart>`), expiring when its window ends, so there is nothing to
 * sweep. A batch is one pipeline of INCRBY per key (+ PEXPIREAT the first time this process
 * writes that window): one round trip per flush.
 * `consume` keys (`<prefix><key>`, a window from the first hit) expire with their window too.
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
    const replyOf: number[] = [];
    let replies = 0;
    for (const d of deltas) {
      const name = this.name(d.key, d.windowStart);
      replyOf.push(replies++);
      pipeline.incrby(name, d.hits);
      if (d.firstWrite) {
        // A second past the window's end: a process with a slightly slow clock still finds it.
        pipeline.pexpireat(name, d.windowStart + d.windowMs + 1_000);
        replies++;
      }
    }
    const results = (await pipeline.exec()) ?? [];
    const totals = deltas.map((d, i) => {
      const [error, total] = results[replyOf[i]!] ?? [new Error("no reply")];
      if (error) throw error;
      return { key: d.key, windowStart: d.windowStart, hits: Number(total) };
    });
    // A key this process wrote before whose count is now only this batch's was lost (a Redis
    // restart or eviction) and came back without its expiry: give it back.
    const recreated = deltas.filter((d, i) => !d.firstWrite && totals[i]!.hits === d.hits);
    if (recreated.length > 0) {
      const again = this.redis.pipeline();
      for (const d of recreated) again.pexpireat(this.name(d.key, d.windowStart), d.windowStart + d.windowMs + 1_000);
      await again.exec();
    }
    return totals;
  }

  async consume(key: string, hits: number, windowMs: number, now: number): Promise<AnchoredCount> {
    // One transaction: create the window with its expiry if there is none, count, read its age.
    const name = this.prefix + key;
    const replies = await this.redis.multi().set(name, 0, "PX", windowMs, "NX").incrby(name, hits).pttl(name).exec();
    const [[countError, count] = [], [ttlError, ttl] = []] = (replies ?? []).slice(1);
    if (countError || ttlError || count === undefined) throw countError ?? ttlError ?? new Error("no reply from Redis");
    return { hits: Number(count), endsAt: now + Math.max(0, Number(ttl)) };
  }

  async inspect(key: string, now: number): Promise<AnchoredCount | null> {
    const name = this.prefix + key;
    const replies = (await this.redis.pipeline().get(name).pttl(name).exec()) ?? [];
    const count = replies[0]?.[1];
    const ttl = Number(replies[1]?.[1]);
    return count == null || ttl <= 0 ? null : { hits: Number(count), endsAt: now + ttl };
  }

  async remove(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  async sweep(): Promise<void> {}

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
