import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * patches/postgres+3.4.9.patch rewrites postgres.js's internal connection queue (one copy per
 * build: ESM, CommonJS, Cloudflare) so that a pool that is never idle stops scanning and
 * keeping one dead slot per query ever run. These tests hold the patched queue to the
 * behaviour of a plain array used as a queue, on long random runs that never empty it.
 */
type Queue<T> = { readonly length: number; push(x: T): T; shift(): T | undefined; remove(x: T): T | null };
type QueueFactory = <T>(initial?: T[]) => Queue<T>;

const root = path.join(process.cwd(), "node_modules", "postgres");
const require = createRequire(import.meta.url);

async function copies(): Promise<[string, QueueFactory][]> {
  const esm = (await import(path.join(root, "src", "queue.js"))) as { default: QueueFactory };
  const cf = (await import(path.join(root, "cf", "src", "queue.js"))) as { default: QueueFactory };
  const cjs = require(path.join(root, "cjs", "src", "queue.js")) as QueueFactory;
  return [
    ["esm", esm.default],
    ["cjs", cjs],
    ["cf", cf.default],
  ];
}

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

describe("postgres.js connection queue (patched)", () => {
  it("behaves exactly like an array queue over long runs that never empty it", async () => {
    for (const [name, Queue] of await copies()) {
      for (let seed = 1; seed <= 5; seed++) {
        const next = random(seed);
        const queue = Queue<{ n: number }>();
        const model: { n: number }[] = [];
        let made = 0;
        for (let step = 0; step < 20_000; step++) {
          const roll = next();
          if (roll < 0.45 || model.length < 3) {
            const item = { n: made++ };
            queue.push(item);
            model.push(item);
          } else if (roll < 0.75) {
            expect(queue.shift(), `${name} seed ${seed} step ${step}`).toBe(model.shift());
          } else {
            // Remove an item from anywhere in the queue (a connection leaving it), or one not in it.
            const pick = next() < 0.9 ? model[Math.floor(next() * model.length)]! : { n: -1 };
            const at = model.indexOf(pick);
            if (at >= 0) model.splice(at, 1);
            expect(queue.remove(pick), `${name} seed ${seed} step ${step}`).toBe(at >= 0 ? pick : null);
          }
          expect(queue.length).toBe(model.length);
        }
        while (model.length) expect(queue.shift()).toBe(model.shift());
        expect(queue.length).toBe(0);
      }
    }
  });

  it("starts from the initial items and empties cleanly", async () => {
    for (const [, Queue] of await copies()) {
      const a = { n: 1 };
      const b = { n: 2 };
      const queue = Queue([a, b]);
      expect(queue.remove(b)).toBe(b);
      expect(queue.remove(b)).toBeNull();
      expect(queue.shift()).toBe(a);
      expect(queue.length).toBe(0);
      expect(queue.shift()).toBeUndefined();
    }
  });
});
