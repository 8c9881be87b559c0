/**
 * Fixed latency buckets for the request statistics every gateway writes: the same edges as the
 * Prometheus histogram http_request_duration_seconds (in ms), so Monitoring and Grafana agree.
 * Counts are stored per bucket (not cumulative); the last bucket is everything above 5 s.
 */
export const LATENCY_BUCKET_BOUNDS_MS = [1, 2.5, 5, 10, 25, 50, 100, 200, 500, 1_000, 2_500, 5_000, Number.POSITIVE_INFINITY] as const;

export const LATENCY_BUCKET_COUNT = LATENCY_BUCKET_BOUNDS_MS.length;

/** An all-zero bucket array. */
export const emptyBuckets = (): number[] => new Array<number>(LATENCY_BUCKET_COUNT).fill(0);

/** The index of the bucket a duration falls into (upper bounds are inclusive, as in Prometheus). */
export function bucketIndex(durationMs: number): number {
  for (let i = 0; i < LATENCY_BUCKET_COUNT - 1; i++) if (durationMs <= LATENCY_BUCKET_BOUNDS_MS[i]!) return i;
  return LATENCY_BUCKET_COUNT - 1;
}

/** Adds `from` into `into` element-wise (both per-bucket counts); returns `into`. */
export function addBuckets(into: number[], from: readonly number[]): number[] {
  for (let i = 0; i < LATENCY_BUCKET_COUNT; i++) into[i] = (into[i] ?? 0) + (from[i] ?? 0);
  return into;
}

/**
 * The q-quantile (0 < q ≤ 1) of a distribution given as per-bucket counts, interpolated linearly
 * inside the bucket that holds it, as Prometheus's histogram_quantile does: the first bucket
 * starts at 0, and a quantile in the open last bucket is reported as its lower edge (5 s), since
 * nothing bounds it above. null when there is nothing counted.
 */
export function quantileFromBuckets(buckets: readonly number[], q: number): number | null {
  const total = buckets.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = q * total;
  let below = 0;
  for (let i = 0; i < LATENCY_BUCKET_COUNT; i++) {
    const inBucket = buckets[i] ?? 0;
    if (inBucket > 0 && below + inBucket >= rank) {
      const lower = i === 0 ? 0 : LATENCY_BUCKET_BOUNDS_MS[i - 1]!;
      const upper = LATENCY_BUCKET_BOUNDS_MS[i]!;
      if (!Number.isFinite(upper)) return lower;
      return lower + (upper - lower) * ((rank - below) / inBucket);
    }
    below += inBucket;
  }
  return LATENCY_BUCKET_BOUNDS_MS[LATENCY_BUCKET_COUNT - 2]!;
}
