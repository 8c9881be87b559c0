import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { DomainError } from "@/server/errors";

/**
 * Rate limit of the public tracking lookup, per client address and minute
 * (rate-limiter-flexible's memory store: per process; use its Redis or Postgres store with
 * several app instances). Tracking numbers are not secret, so the limit is what keeps the
 * lookup from being used to walk the number space.
 */
const limiters = new Map<number, RateLimiterMemory>();

function limiterFor(perMinute: number): RateLimiterMemory {
  let limiter = limiters.get(perMinute);
  if (!limiter) {
    limiter = new RateLimiterMemory({ keyPrefix: `track-${perMinute}`, points: perMinute, duration: 60 });
    limiters.set(perMinute, limiter);
  }
  return limiter;
}

/** Counts one lookup for `clientKey`; RATE_LIMITED (429) once the minute's allowance is used. */
export async function consumePublicLookup(clientKey: string, perMinute: number): Promise<void> {
  try {
    await limiterFor(perMinute).consume(clientKey);
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      throw new DomainError("RATE_LIMITED", `Too many lookups; try again in ${Math.ceil(error.msBeforeNext / 1000)} s`);
    }
    throw error;
  }
}
