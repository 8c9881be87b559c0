import { createHash } from "node:crypto";
import { sharedCounters } from "@/server/rate-limit";

/**
 * Slows down password guessing. Failures are counted per email and per client address in a
 * 15-minute window that starts at the first failure, in the counters every process shares
 * (PostgreSQL, or Redis with REDIS_URL), so a guesser gains nothing by spreading attempts
 * over several app processes. Each failure adds a growing delay before the answer; the fifth
 * failure for an email locks it for the rest of the window.
 *
 * Counted at once (one round trip per failure), not batched: failures are rare and a lock
 * must hold exactly. Emails are stored hashed: the counters table is no place for addresses.
 */
const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_ADDRESS = 30;

const emailKey = (email: string) => `login-email:${createHash("sha256").update(email.trim().toLowerCase()).digest("base64url")}`;
const addressKey = (address: string) => `login-ip:${address}`;

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** May this email / address try a password now? Does not count an attempt. */
export async function checkLoginAllowed(email: string, address: string): Promise<ThrottleVerdict> {
  const counters = sharedCounters();
  const [e, a] = await Promise.all([counters.inspect(emailKey(email)), counters.inspect(addressKey(address))]);
  const blocked = [e.count >= MAX_FAILURES_PER_EMAIL ? e : null, a.count >= MAX_FAILURES_PER_ADDRESS ? a : null].filter((r) => r !== null);
  if (blocked.length === 0) return { allowed: true };
  const ms = Math.max(...blocked.map((r) => r.resetMs));
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
}

/** Records a failed attempt and returns how long to hold the answer back (ms). */
export async function recordLoginFailure(email: string, address: string): Promise<number> {
  const counters = sharedCounters();
  const results = await Promise.allSettled([counters.consume(emailKey(email), WINDOW_MS), counters.consume(addressKey(address), WINDOW_MS)]);
  // The store unreachable: hold the answer back as long as the lock would.
  const failures = results[0].status === "fulfilled" ? results[0].value.count : MAX_FAILURES_PER_EMAIL;
  return Math.min(250 * 2 ** (failures - 1), 4000);
}

/** A successful sign-in clears the email's failures (not the address's). */
export async function recordLoginSuccess(email: string): Promise<void> {
  await sharedCounters().reset(emailKey(email));
}
