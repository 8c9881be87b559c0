import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { serialize } from "./transformer";

/** Byte-for-byte: the same JSON text, keys in the same order, as superjson's own serialize. */
function expectSameAsSuperjson(value: unknown) {
  expect(JSON.stringify(serialize(value))).toBe(JSON.stringify(superjson.serialize(value)));
}

// A deterministic generator (no Math.random: a failure must be reproducible).
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return s / 2 ** 32;
  };
}

function randomValue(next: () => number, depth: number, exotic: boolean): unknown {
  const r = next();
  const leaf = depth <= 0 || r < 0.35;
  if (leaf) {
    const k = Math.floor(next() * (exotic ? 12 : 7));
    switch (k) {
      case 0: return "text " + Math.floor(next() * 100);
      case 1: return Math.floor(next() * 10_000) - 5_000;
      case 2: return next() < 0.5;
      case 3: return null;
      case 4: return new Date(Date.UTC(2026, 0, 1) + Math.floor(next() * 1e10));
      case 5: return next() * 1000;
      case 6: return "";
      case 7: return undefined;
      case 8: return [Number.NaN, Number.POSITIVE_INFINITY, -0][Math.floor(next() * 3)];
      case 9: return new Map([["a", 1]]);
      case 10: return BigInt(7);
      default: return new Date(Number.NaN);
    }
  }
  if (r < 0.65) {
    const n = Math.floor(next() * 5);
    return Array.from({ length: n }, () => randomValue(next, depth - 1, exotic));
  }
  const obj: Record<string, unknown> = {};
  const keys = ["id", "createdAt", "items", "0", "12", "name", "a.b", "x\\y", "amountMinor", "history"];
  const n = Math.floor(next() * 6);
  for (let i = 0; i < n; i++) {
    const key = keys[Math.floor(next() * (exotic ? keys.length : keys.length - 2))]!;
    if (!exotic && (key === "a.b" || key === "x\\y")) continue;
    obj[key] = randomValue(next, depth - 1, exotic);
  }
  return obj;
}

describe("the tRPC transformer's serialize", () => {
  it("matches superjson for an order detail (Dates nested in arrays, integer-like keys)", () => {
    const at = new Date("2026-03-04T05:06:07.089Z");
    expectSameAsSuperjson({
      id: "7f0c9a52-3a39-4b8e-9b1e-2f3f8f6d2a10",
      orderNo: "SF-000001",
      payableTotalMinor: 12_345,
      createdAt: at,
      paidAt: null,
      items: [{ sku: "A", quantity: 2 }, { sku: "B", quantity: 1 }],
      history: [{ toStatus: "pending_payment", createdAt: at }, { toStatus: "cancelled", createdAt: new Date(at.getTime() + 1) }],
    });
  });

  it("matches superjson where superjson reorders annotation keys (an integer key after a nested one)", () => {
    expectSameAsSuperjson({ items: [{ d: new Date(0) }, new Date(1)] });
    expectSameAsSuperjson([{ d: new Date(0) }, new Date(1), [new Date(2)]]);
    expectSameAsSuperjson({ b: new Date(0), 1: new Date(1), a: { 2: new Date(2), c: new Date(3) } });
  });

  it("matches superjson for the root itself being a Date, a primitive, null or empty", () => {
    for (const value of [new Date(5), "s", 1, true, null, {}, [], [[]], { a: {} }]) expectSameAsSuperjson(value);
  });

  it("hands everything it does not handle to superjson (undefined, NaN, -0, Map, bigint, shared objects, escaped keys)", () => {
    const shared = { x: 1 };
    const sparse: number[] = [];
    sparse[0] = 1;
    sparse[2] = 3;
    const date = new Date(3);
    for (const value of [
      undefined,
      { a: undefined },
      { n: Number.NaN, i: Number.NEGATIVE_INFINITY, z: -0 },
      { m: new Map([["k", new Date(1)]]), s: new Set([1]) },
      { big: BigInt(10) },
      { one: shared, two: shared },
      { one: date, two: [date] },
      { "a.b": new Date(1), "c\\d": 2 },
      { bad: new Date(Number.NaN) },
      { re: /x/g, err: new Error("boom") },
      sparse,
      Object.assign(Object.create(null) as object, { d: new Date(2) }),
      new (class Point { x = 1; })(),
    ]) {
      expectSameAsSuperjson(value);
    }
  });

  it("refuses prototype-polluting keys exactly as superjson does", () => {
    const value = JSON.parse('{"__proto__": {"x": 1}}') as unknown;
    expect(() => superjson.serialize(value)).toThrow();
    expect(() => serialize(value)).toThrow();
  });

  it("matches superjson on 2,000 generated values, plain and exotic", () => {
    const next = rng(20261124);
    for (let i = 0; i < 2_000; i++) expectSameAsSuperjson(randomValue(next, 4, i % 2 === 1));
  });

  it("round-trips through superjson's deserialize", () => {
    const value = { at: new Date(42), list: [{ at: new Date(43) }] };
    expect(superjson.deserialize(serialize(value))).toEqual(value);
  });
});
