import { RateLimiterMemory, type RateLimiterRes } from "rate-limiter-flexible";
import { DomainError } from "@/server/errors";

/**
 * Rate limit of the public tracking lookup, per client address and minute
 * (rate-limiter-flexible's memory store: per process; use its Redis or Postgres store with
 * several app instances). Tracking numbers are not secret, so the limit is what keeps the
 * lookup from being used to walk the number space.
 *
 * One store per process, kept on globalThis: /api/trpc (the front server), the /track page
 * (Next's server bundle) and the proxy that answers a limited page with 429 load separate
 * copies of this module, and all of them must count against the same allowance.
 */
const STORE = Symbol.for("shopflow.publicLookupLimiters");
type Store = { limiters: Map<number, RateLimiterMemory>; current?: RateLimiterMemory };
const globalStore = globalThis as { [STORE]?: Store };
const store: Store = (globalStore[STORE] ??= { limiters: new Map() });

/** The limiter for the allowance in force (a changed setting starts a fresh count). */
function limiterFor(perMinute: number): RateLimiterMemory {
  let limiter = store.limiters.get(perMinute);
  if (!limiter) {
    limiter = new RateLimiterMemory({ keyPrefix: `track-${perMinute}`, points: perMinute, duration: 60 });
    store.limiters.set(perMinute, limiter);
  }
  store.current = limiter;
  return limiter;
}

// A refusal is a RateLimiterRes, possibly from another copy of the library: recognised by shape.
function isRefusal(error: unknown): error is RateLimiterRes {
  return typeof error === "object" && error !== null && typeof (error as RateLimiterRes).msBeforeNext === "number" && !(error instanceof Error);
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** Counts one lookup for `clientKey`; RATE_LIMITED (429, with retryAfterSeconds) once the minute's allowance is used. */
export async function consumePublicLookup(clientKey: string, perMinute: number): Promise<void> {
  try {
    await limiterFor(perMinute).consume(clientKey);
  } catch (error) {
    if (isRefusal(error)) {
      const wait = seconds(error.msBeforeNext);
      throw new DomainError("RATE_LIMITED", `Too many lookups; try again in ${wait} s`, undefined, { retryAfterSeconds: wait });
    }
    throw error;
  }
}

/** Seconds until `clientKey` may look up again, or null when it may now. Counts nothing. */
export async function publicLookupRetryAfter(clientKey: string): Promise<number | null> {
  const limiter = store.current;
  const used = limiter ? await limiter.get(clientKey) : null;
  return limiter && used && used.consumedPoints >= limiter.points && used.msBeforeNext > 0 ? seconds(used.msBeforeNext) : null;
}
