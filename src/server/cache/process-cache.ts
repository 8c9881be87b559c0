/**
 * Small in-process caches for data that is read on hot paths and changed rarely (settings,
 * carrier configuration, the public catalog list).
 *
 * Shared on globalThis: the front server (scripts/serve.ts) and Next's bundle load separate
 * copies of our modules in one process, and a change made through either must be seen by both
 * at once. A writer calls `invalidate()` after its transaction commits; from then on every
 * read in the process loads afresh. Other processes (a second app instance) see a change
 * within the cache's lifetime, which bounds the staleness.
 *
 * A load that started before an invalidation is not stored (generation check), so a slow
 * reader can never put a value back that a writer has just replaced.
 *
 * The caches hold data of the process's database (getDb): switching it or closing it clears
 * them all (clearProcessCaches).
 */
type Entry = { value: unknown; expiresAt: number };
type Slot = { generation: number; entries: Map<string, Entry> };

const registry = ((globalThis as { __shopflowProcessCaches?: Map<string, Slot> }).__shopflowProcessCaches ??= new Map());

/** Freezes a cached value all the way down, so no reader can change what the others see. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export type ProcessCache<T> = {
  /**
   * The cached value for `key` (default: the only one), loading it when missing or expired;
   * a loaded value is kept only when `keep` (default: always) says so.
   */
  get(load: () => Promise<T>, key?: string, keep?: (value: T) => boolean): Promise<Readonly<T>>;
  /** Drops every entry; call after the transaction that changed the data has committed. */
  invalidate(): void;
  /** Entries stored right now (for tests and the benchmark notes). */
  size(): number;
};

export function processCache<T>(name: string, { ttlMs, maxEntries = 1_000 }: { ttlMs: number; maxEntries?: number }): ProcessCache<T> {
  let slot = registry.get(name);
  if (!slot) registry.set(name, (slot = { generation: 0, entries: new Map() }));
  const s = slot;
  return {
    async get(load, key = "", keep) {
      const hit = s.entries.get(key);
      if (hit && hit.expiresAt > Date.now()) {
        // Least recently used goes first when full: move this one to the end.
        s.entries.delete(key);
        s.entries.set(key, hit);
        return hit.value as T;
      }
      const generation = s.generation;
      const value = deepFreeze(await load());
      if (s.generation === generation && (!keep || keep(value))) {
        if (!s.entries.has(key) && s.entries.size >= maxEntries) s.entries.delete(s.entries.keys().next().value!);
        s.entries.set(key, { value, expiresAt: Date.now() + ttlMs });
      }
      return value;
    },
    invalidate() {
      s.generation++;
      s.entries.clear();
    },
    size: () => s.entries.size,
  };
}

/** Drops every process cache (the process's database was switched or closed). */
export function clearProcessCaches(): void {
  for (const slot of registry.values()) {
    slot.generation++;
    slot.entries.clear();
  }
}
