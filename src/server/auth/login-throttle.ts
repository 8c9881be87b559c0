import { RateLimiterMemory } from "rate-limiter-flexible";

/**
 * Slows down password guessing. Failures are counted per email and per client address in a
 * 15-minute window (rate-limiter-flexible: a well-kept limiter with memory, Redis and SQL stores).
 * Each failure adds a growing delay before the answer; the fifth failure for an email locks it
 * for the rest of the window. The memory store is per process: with several app instances,
 * swap in RateLimiterRedis with the same options.
 */
const WINDOW_SECONDS = 15 * 60;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_ADDRESS = 30;

const byEmail = new RateLimiterMemory({ keyPrefix: "login-email", points: MAX_FAILURES_PER_EMAIL, duration: WINDOW_SECONDS });
const byAddress = new RateLimiterMemory({ keyPrefix: "login-ip", points: MAX_FAILURES_PER_ADDRESS, duration: WINDOW_SECONDS });

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** May this email / address try a password now? Does not count an attempt. */
export async function checkLoginAllowed(email: string, address: string): Promise<ThrottleVerdict> {
  const [e, a] = await Promise.all([byEmail.get(email), byAddress.get(address)]);
  const blocked = [e, a].filter((r) => r && r.remainingPoints <= 0);
  if (e && e.consumedPoints >= MAX_FAILURES_PER_EMAIL) blocked.push(e);
  if (blocked.length === 0) return { allowed: true };
  const ms = Math.max(...blocked.map((r) => r!.msBeforeNext));
  return { allowed: false, retryAfterSeconds: Math.ceil(ms / 1000) };
}

/** Records a failed attempt and returns how long to hold the answer back (ms). */
export async function recordLoginFailure(email: string, address: string): Promise<number> {
  const results = await Promise.allSettled([byEmail.penalty(email, 1), byAddress.penalty(address, 1)]);
  const failures = results[0].status === "fulfilled" ? results[0].value.consumedPoints : MAX_FAILURES_PER_EMAIL;
  return Math.min(250 * 2 ** (failures - 1), 4000);
}

export async function recordLoginSuccess(email: string): Promise<void> {
  await byEmail.delete(email);
}
