import { decode } from "next-auth/jwt";
import { authSecret } from "@/env";
import { getDb, type Database } from "@/server/db/client";
import { findActiveSession, type SessionUser } from "@/server/domain/user";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function readCookie(cookieHeader: string | null | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined; // not percent-decodable: no token of ours, so no session
      }
    }
  }
  return undefined;
}

/**
 * Decoded session tokens, keyed by the token itself. Decoding (JWE decryption) is a pure
 * function of the token and the secret and costs far more than the rest of a small request,
 * so a token seen before is not decrypted again. Only the fields we use are kept, with the
 * token's own expiry, and the server-side session check below still runs on every request:
 * a cached token whose session was revoked is refused like any other.
 */
const DECODED_MAX = 10_000;
const decoded = new Map<string, { sid: string; expMs: number }>();

async function sessionIdOf(raw: string): Promise<string | null> {
  const hit = decoded.get(raw);
  if (hit) {
    if (hit.expMs > Date.now()) {
      // Refresh its place in the LRU order.
      decoded.delete(raw);
      decoded.set(raw, hit);
      return hit.sid;
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
  if (typeof token.exp === "number") {
    if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
    decoded.set(raw, { sid: token.sid, expMs: token.exp * 1000 });
  }
  return token.sid;
}

/**
 * The signed-in user for a request's Cookie header, or null. Decodes the next-auth JWT and
 * then checks the server-side session row, so revoked sessions and changed roles take effect
 * immediately. (Tokens large enough to be chunked into `.0`, `.1` cookies do not occur: ours
 * hold ids only.)
 */
export async function getSessionFromCookieHeader(cookieHeader: string | null | undefined, db: Database = getDb()): Promise<SessionUser | null> {
  let raw: string | undefined;
  for (const name of SESSION_COOKIES) {
    raw = readCookie(cookieHeader, name);
    if (raw) break;
  }
  if (!raw) return null;
  const sid = await sessionIdOf(raw);
  if (!sid) return null;
  return findActiveSession(db, sid);
}

/** The signed-in user for a request's headers, or null (see getSessionFromCookieHeader). */
export function getSessionFromHeaders(headers: Headers): Promise<SessionUser | null> {
  return getSessionFromCookieHeader(headers.get("cookie"));
}
