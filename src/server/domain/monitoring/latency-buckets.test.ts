import { describe, expect, it } from "vitest";
import { LATENCY_BUCKET_COUNT, addBuckets, bucketIndex, emptyBuckets, quantileFromBuckets } from "./latency-buckets";

/** Fills buckets from raw durations, as the gateway's recorder does. */
function bucketsOf(durations: number[]): number[] {
  const buckets = emptyBuckets();
  for (const d of durations) buckets[bucketIndex(d)]! += 1;
  return buckets;
}

describe("latency buckets", () => {
  it("put a duration in the first bucket whose upper edge holds it (edges inclusive)", () => {
    expect(bucketIndex(0)).toBe(0);
    expect(bucketIndex(1)).toBe(0);
    expect(bucketIndex(1.01)).toBe(1);
    expect(bucketIndex(100)).toBe(6);
    expect(bucketIndex(100.5)).toBe(7);
    expect(bucketIndex(5_000)).toBe(LATENCY_BUCKET_COUNT - 2);
    expect(bucketIndex(60_000)).toBe(LATENCY_BUCKET_COUNT - 1);
  });

  it("give the p95 of a known distribution, interpolated inside its bucket", () => {
    // 90 requests of 20 ms (bucket 10–25) and 10 of 150 ms (bucket 100–200): rank 95 is the
    // 5th of the 10 in 100–200 ms, so p95 = 100 + 100 × 5/10 = 150 ms.
    const buckets = bucketsOf([...Array<number>(90).fill(20), ...Array<number>(10).fill(150)]);
    expect(quantileFromBuckets(buckets, 0.95)).toBeCloseTo(150, 6);
    // The median sits in 10–25 ms: rank 50 of 90 → 10 + 15 × 50/90.
    expect(quantileFromBuckets(buckets, 0.5)).toBeCloseTo(10 + (15 * 50) / 90, 6);
  });

  it("give p95 within one bucket of the exact value on a uniform 1..1000 ms spread", () => {
    const durations = Array.from({ length: 1000 }, (_, i) => i + 1);
    // Exact p95 is 950 ms, in the 500–1000 bucket; interpolation over 500 counts: 500 + 500 × 450/500.
    expect(quantileFromBuckets(bucketsOf(durations), 0.95)).toBeCloseTo(950, 6);
  });

  it("report the open last bucket at its lower edge, and nothing for no requests", () => {
    expect(quantileFromBuckets(bucketsOf([10_000, 20_000]), 0.95)).toBe(5_000);
    expect(quantileFromBuckets(emptyBuckets(), 0.95)).toBeNull();
  });

  it("add two gateways' buckets element-wise, and the sum's quantile is the combined one", () => {
    const a = bucketsOf(Array<number>(90).fill(20));
    const b = bucketsOf(Array<number>(10).fill(150));
    const sum = addBuckets(emptyBuckets(), a);
    addBuckets(sum, b);
    expect(sum.reduce((s, n) => s + n, 0)).toBe(100);
    expect(quantileFromBuckets(sum, 0.95)).toBeCloseTo(150, 6);
  });
});
