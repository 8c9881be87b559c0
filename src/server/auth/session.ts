import { getDb, type Database } from "@/server/db/client";
import { findActiveSession, type SessionUser } from "@/server/domain/user";
import { decodeSessionToken, SESSION_COOKIES } from "./session-token";

/** One cookie's value from a Cookie header, percent-decoded; undefined when absent or malformed. */
export function readCookie(cookieHeader: string | null | undefined, name: string): string | undefined {
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
  const token = await decodeSessionToken(raw);
  if (!token) return null;
  return findActiveSession(db, token.sid);
}

/** The signed-in user for a request's headers, or null (see getSessionFromCookieHeader). */
export function getSessionFromHeaders(headers: Headers): Promise<SessionUser | null> {
  return getSessionFromCookieHeader(headers.get("cookie"));
}
