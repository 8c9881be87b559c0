import { NextResponse, type NextRequest } from "next/server";
import { decodeSessionToken, SESSION_COOKIES } from "@/server/auth/session-token";

/**
 * Who may open which page, answered before anything renders, so the status line is right
 * from the first byte: a visitor without a session gets a real redirect to sign in (307 with
 * a relative Location, instead of a 200 page that streams a redirect), and someone signed in
 * without the admin role finds no admin area (404). The token is next-auth's session JWT; the
 * pages still check the session row on every read (a revoked session, a changed role), so this
 * only answers early what they would answer anyway. Someone signed in without the admin role
 * finds no admin area: the answer is "not-found", on which the proxy has next.config.ts route the
 * view to the not-found page, so no admin page starts rendering for them. (A rewrite to the
 * not-found page from the proxy itself would be fetched by Next from itself over HTTP,
 * rendering twice: docs/experiments/ppr-floor.md.)
 */
const ADMIN_ONLY = /^\/admin(\/|$)/;
const SIGNED_IN_ONLY = [/^\/admin(\/|$)/, /^\/orders(\/|$)/, /^\/checkout\/?$/, /^\/addresses\/?$/, /^\/account(\/|$)/, /^\/notifications\/?$/, /^\/favourites\/?$/, /^\/messages(\/|$)/, /^\/pay\/(?!scan\/)[^/]+\/?$/];

export function needsSignIn(pathname: string): boolean {
  return SIGNED_IN_ONLY.some((pattern) => pattern.test(pathname));
}

/**
 * The early answer for a page this caller may not open, or null when the request may go on.
 * `pathname` is the page's path without a language (`/en/orders` is `/orders`).
 */
export async function pageAccessAnswer(req: NextRequest, pathname: string): Promise<NextResponse | "not-found" | null> {
  const { search } = req.nextUrl;
  if (!needsSignIn(pathname)) return null;
  // Decoded with our secret and not expired, or null; a token seen before is not decrypted again.
  const raw = SESSION_COOKIES.map((name) => req.cookies.get(name)?.value).find(Boolean);
  const token = raw ? await decodeSessionToken(raw) : null;
  if (token) return ADMIN_ONLY.test(pathname) && token.role !== "admin" ? "not-found" : null;
  const signIn = new URL(`/sign-in?${new URLSearchParams({ callbackUrl: `${pathname}${search}` })}`, req.nextUrl);
  // Next's proxy wants an absolute URL here and sends it on as a relative one (same origin).
  const response = NextResponse.redirect(signIn, 307);
  response.headers.set("cache-control", "no-store");
  return response;
}
