import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Signed HTTP messages, used both by gateway notifications (gateway → shop) and merchant
 * webhooks (shop → merchant endpoints). The signature is HMAC-SHA256 over
 * `${timestamp}.${rawBody}` with the shared secret, sent as hex next to the timestamp.
 * A receiver recomputes it over the exact bytes it got, compares in constant time and refuses
 * timestamps outside a tolerance window, so a captured request cannot be replayed later;
 * replays inside the window are caught by the receiver storing each message id once.
 */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureHeaders = { timestamp: string; signature: string };

export function computeSignature(secret: string, timestamp: string, rawBody: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex");
}

/** Headers for a message signed now (or at `at`). */
export function signMessage(secret: string, rawBody: string, at: Date = new Date()): SignatureHeaders {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return { timestamp, signature: `v1=${computeSignature(secret, timestamp, rawBody)}` };
}

export type SignatureCheck = { ok: true } | { ok: false; reason: "missing_headers" | "malformed" | "bad_signature" | "stale_timestamp" };

/** Verifies a signed message; pure (the clock is a parameter). */
export function verifySignature({
  secret,
  rawBody,
  timestamp,
  signature,
  now = new Date(),
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
}: {
  secret: string;
  rawBody: string;
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  now?: Date;
  toleranceSeconds?: number;
}): SignatureCheck {
  if (!timestamp || !signature) return { ok: false, reason: "missing_headers" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "malformed" };
  const match = /^v1=([0-9a-f]{64})$/.exec(signature);
  if (!match) return { ok: false, reason: "malformed" };
  const expected = Buffer.from(computeSignature(secret, timestamp, rawBody), "hex");
  const given = Buffer.from(match[1]!, "hex");
  // Check the signature before the clock, so a forged request learns nothing about the window.
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "bad_signature" };
  const ageSeconds = Math.abs(now.getTime() / 1000 - Number(timestamp));
  if (ageSeconds > toleranceSeconds) return { ok: false, reason: "stale_timestamp" };
  return { ok: true };
}
