import { decode } from "next-auth/jwt";
import { authSecret } from "@/env";

/** next-auth's session cookie: the `__Secure-` name over https, the plain one otherwise. */
export const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/** What our session token carries that a request needs before any database read. */
export type SessionToken = { sid: string; role?: string };

/**
 * Decoded session tokens, keyed by the token itself. Decoding (JWE decryption) is a pure
 * function of the token and the secret and costs far more than the rest of a small request,
 * so a token seen before is not decrypted again — by the pages' session check and by the proxy's
 * early sign-in answer alike. Only the fields we use are kept, with the token's own expiry; the
 * server-side session check still runs on every read, so a cached token whose session was
 * revoked is refused like any other.
 */
const DECODED_MAX = 10_000;
const decoded = new Map<string, SessionToken & { expMs: number }>();

/** The session token's fields when `raw` is a valid, unexpired token signed with our secret, else null. */
export async function decodeSessionToken(raw: string): Promise<SessionToken | null> {
  const hit = decoded.get(raw);
  if (hit) {
    if (hit.expMs > Date.now()) {
      // Refresh its place in the LRU order.
      decoded.delete(raw);
      decoded.set(raw, hit);
      return hit;
    }
    decoded.delete(raw);
    return null;
  }
  let token;
  try {
    token = await decode({ token: raw, secret: authSecret() });
  } catch {
    return null;
  }
  if (!token || typeof token.sid !== "string") return null;
  const result: SessionToken = { sid: token.sid, role: typeof token.role === "string" ? token.role : undefined };
  if (typeof token.exp === "number") {
    if (token.exp * 1000 <= Date.now()) return null;
    if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
    decoded.set(raw, { ...result, expMs: token.exp * 1000 });
  }
  return result;
}
