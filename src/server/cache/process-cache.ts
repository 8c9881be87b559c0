/**
 * Small in-process caches for data that is read on hot paths and changed rarely (settings,
 * carrier configuration, the public catalog list).
 *
 * A writer calls `invalidate()` after its transaction commits; from then on every read in the
 * process loads afresh, and the other processes (gateways, web, worker) drop the same cache
 * as soon as cache-sync's notification reaches them (see cache-sync.ts). The cache's lifetime
 * still bounds the staleness when a notification is lost (a listener reconnecting, a process
 * that died between its commit and the notification).
 *
 * A load that started before an invalidation is not stored (generation check), so a slow
 * reader can never put a value back that a writer has just replaced.
 *
 * The caches hold data of the process's database (getDb): switching it or closing it clears
 * them all (clearProcessCaches).
 */
type Entry = { value: unknown; expiresAt: number };
type Slot = { generation: number; entries: Map<string, Entry> };

const registry = new Map<string, Slot>();

/** Told the name of every cache a writer in this process invalidates (cache-sync publishes it). */
let onLocalInvalidate: ((name: string) => void) | undefined;

/** Installs (or, with undefined, removes) the hook told about local invalidations. */
export function setInvalidationListener(listener: ((name: string) => void) | undefined): void {
  onLocalInvalidate = listener;
}

/** Freezes a cached value all the way down, so no reader can change what the others see. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export type ProcessCache<T> = {
  /** The cache's name, the same in every process (what cache-sync's notifications carry). */
  readonly name: string;
  /**
   * The cached value for `key` (default: the only one), loading it when missing or expired;
   * a loaded value is kept only when `keep` (default: always) says so.
   */
  get(load: () => Promise<T>, key?: string, keep?: (value: T) => boolean): Promise<Readonly<T>>;
  /** Drops every entry; call after the transaction that changed the data has committed. */
  invalidate(): void;
  /**
   * Drops every entry in this process only, telling no other: for a writer whose transaction
   * has already told the other processes itself (invalidateOnCommit).
   */
  invalidateHere(): void;
  /** Entries stored right now (for tests and the benchmark notes). */
  size(): number;
};

export function processCache<T>(name: string, { ttlMs, maxEntries = 1_000 }: { ttlMs: number; maxEntries?: number }): ProcessCache<T> {
  let slot = registry.get(name);
  if (!slot) registry.set(name, (slot = { generation: 0, entries: new Map() }));
  const s = slot;
  return {
    name,
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
      dropSlot(s);
      onLocalInvalidate?.(name);
    },
    invalidateHere: () => dropSlot(s),
    size: () => s.entries.size,
  };
}

function dropSlot(slot: Slot): void {
  slot.generation++;
  slot.entries.clear();
}

/** Drops the cache `name` because another process changed its data; tells nobody. */
export function dropProcessCache(name: string): void {
  const slot = registry.get(name);
  if (slot) dropSlot(slot);
}

/** Drops every process cache (the process's database was switched or closed). */
export function clearProcessCaches(): void {
  for (const slot of registry.values()) dropSlot(slot);
}
