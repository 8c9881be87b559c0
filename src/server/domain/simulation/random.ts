/**
 * A small seeded PRNG (mulberry32) so every simulated outcome can be replayed from a seed.
 * `seededRandom(seed, "payment", paymentSn)` gives each entity its own stream: outcomes do
 * not shift when unrelated entities are created in between.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a hash of strings, to derive a stream seed from a base seed and entity keys. */
export function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join("\u0000")) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function seededRandom(seed: number, ...keys: (string | number)[]): () => number {
  return mulberry32(hashSeed(seed, ...keys));
}
