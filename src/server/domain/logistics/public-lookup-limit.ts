import { sharedCounters } from "@/server/rate-limit";
import { DomainError } from "@/server/errors";

/**
 * Rate limit of the public tracking lookup, per client address and minute (a window from the
 * client's first lookup), in the counters every process shares (PostgreSQL, or Redis with
 * REDIS_URL): the lookup procedure, the /track page and the gate that answers a limited page
 * with 429 count against one allowance, in whichever process they run. Tracking numbers are
 * not secret, so the limit is what keeps the lookup from being used to walk the number space.
 *
 * Counted at once (one round trip per lookup), not batched: lookups are rare next to API
 * reads and the page gate must see the count the procedure just wrote.
 */
const WINDOW_MS = 60_000;
const keyOf = (clientKey: string) => `track:${clientKey}`;
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Counts one lookup for `clientKey`; RATE_LIMITED (429, with retryAfterSeconds) once the minute's allowance is used. */
export async function consumePublicLookup(clientKey: string, perMinute: number): Promise<void> {
  const { count, resetMs } = await sharedCounters().consume(keyOf(clientKey), WINDOW_MS);
  if (count > perMinute) {
    const wait = seconds(resetMs);
    throw new DomainError("RATE_LIMITED", `Too many lookups; try again in ${wait} s`, undefined, { retryAfterSeconds: wait });
  }
}

/** Seconds until `clientKey` may look up again under `perMinute`, or null when it may now. Counts nothing. */
export async function publicLookupRetryAfter(clientKey: string, perMinute: number): Promise<number | null> {
  const { count, resetMs } = await sharedCounters().inspect(keyOf(clientKey));
  return count >= perMinute && resetMs > 0 ? seconds(resetMs) : null;
}
