import { decode } from "next-auth/jwt";
import { authSecret } from "@/env";
import { getDb } from "@/server/db/client";
import { findActiveSession, type SessionUser } from "@/server/domain/user";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function readCookie(cookieHeader: string | null, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * The signed-in user for a request, or null. Decodes the next-auth JWT and then checks the
 * server-side session row, so revoked sessions and changed roles take effect immediately.
 * (Tokens large enough to be chunked into `.0`, `.1` cookies do not occur: ours hold ids only.)
 */
export async function getSessionFromHeaders(headers: Headers): Promise<SessionUser | null> {
  const cookieHeader = headers.get("cookie");
  let raw: string | undefined;
  for (const name of SESSION_COOKIES) {
    raw = readCookie(cookieHeader, name);
    if (raw) break;
  }
  if (!raw) return null;
  let token;
  try {
    token = await decode({ token: raw, secret: authSecret() });
  } catch {
    return null;
  }
  if (!token || typeof token.sid !== "string") return null;
  return findActiveSession(getDb(), token.sid);
}
