import { describe, expect, it, vi } from "vitest";
import { clearProcessCaches, dropProcessCache, processCache, setInvalidationListener } from "./process-cache";

let n = 0;
const fresh = () => `test-${++n}-${Date.now()}`;

describe("process caches", () => {
  it("loads once, serves the same frozen value, and loads again after an invalidation", async () => {
    const cache = processCache<{ rate: number; nested: { list: number[] } }>(fresh(), { ttlMs: 60_000 });
    const load = vi.fn(async () => ({ rate: 1, nested: { list: [1] } }));
    const first = await cache.get(load);
    expect(await cache.get(load)).toBe(first);
    expect(load).toHaveBeenCalledTimes(1);
    expect(() => (first.nested.list as number[]).push(2)).toThrow(TypeError);
    cache.invalidate();
    await cache.get(load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("tells the invalidation listener about a writer's invalidation, but not about a drop from another process", async () => {
    const name = fresh();
    const cache = processCache<number>(name, { ttlMs: 60_000 });
    const told: string[] = [];
    setInvalidationListener((invalidated) => told.push(invalidated));
    try {
      expect(await cache.get(async () => 1)).toBe(1);
      dropProcessCache(name);
      expect(await cache.get(async () => 2)).toBe(2);
      expect(told).toEqual([]);
      cache.invalidate();
      expect(told).toEqual([name]);
      expect(await cache.get(async () => 3)).toBe(3);
    } finally {
      setInvalidationListener(undefined);
    }
  });

  it("never stores a value whose load started before an invalidation", async () => {
    const cache = processCache<string>(fresh(), { ttlMs: 60_000 });
    let release!: (value: string) => void;
    const slow = cache.get(() => new Promise<string>((resolve) => (release = resolve)));
    cache.invalidate(); // a writer committed while the slow read was in flight
    release("old");
    expect(await slow).toBe("old");
    expect(await cache.get(async () => "new")).toBe("new");
  });

  it("expires entries after their lifetime and evicts the least recently used when full", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const cache = processCache<string>(fresh(), { ttlMs: 1_000, maxEntries: 2 });
      await cache.get(async () => "a", "a");
      await cache.get(async () => "b", "b");
      await cache.get(async () => "never", "a"); // touch a: b is now the oldest
      await cache.get(async () => "c", "c");
      expect(await cache.get(async () => "b again", "b")).toBe("b again");
      expect(await cache.get(async () => "never", "c")).toBe("c");
      vi.setSystemTime(Date.now() + 1_001);
      expect(await cache.get(async () => "c2", "c")).toBe("c2");
      clearProcessCaches();
      expect(cache.size()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
