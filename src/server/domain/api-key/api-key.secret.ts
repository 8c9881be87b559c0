import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The shape of a secret: `sf_live_<8 base62>_<43 base62>`. The first part (with `sf_live_`)
 * is the prefix people see and the row is found by; the second carries 256 random bits.
 */
export const SECRET_PREFIX = "sf_live_";
const PREFIX_CHARS = 8;
const SECRET_CHARS = 43; // 43 × log2(62) ≈ 256 bits
const SECRET_PATTERN = /^sf_live_([0-9A-Za-z]{8})_([0-9A-Za-z]{43})$/;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `length` uniformly random base62 characters (bytes ≥ 248 are dropped: no modulo bias). */
function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

/** A fresh secret and the parts that are stored: its visible prefix and its hash. */
export function generateSecret(): { secret: string; prefix: string; secretHash: string } {
  const prefix = `${SECRET_PREFIX}${randomBase62(PREFIX_CHARS)}`;
  const secret = `${prefix}_${randomBase62(SECRET_CHARS)}`;
  return { secret, prefix, secretHash: hashSecret(secret) };
}

/** The visible prefix of a well-formed secret, or null (then nothing needs to be looked up). */
export function prefixOf(secret: string): string | null {
  if (typeof secret !== "string" || secret.length !== SECRET_PREFIX.length + PREFIX_CHARS + 1 + SECRET_CHARS) return null;
  const match = SECRET_PATTERN.exec(secret);
  return match ? `${SECRET_PREFIX}${match[1]}` : null;
}

/** SHA-256 in hex of the whole secret (see the api_keys table for why a fast hash suits). */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** Compares two hex hashes in time independent of where they differ. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
