import { NextResponse, type NextRequest } from "next/server";
import { decodeSessionToken, SESSION_COOKIES } from "@/server/auth/session-token";

/**
 * Who may open which page, answered before anything renders, so the status line is right
 * from the first byte: a visitor without a session gets a real redirect to sign in (307 with
 * a relative Location, instead of a 200 page that streams a redirect), and someone signed in
 * without the admin role finds no admin area (404). The token is next-auth's session JWT; the
 * pages still check the session row on every read (a revoked session, a changed role), so this
 * only answers early what they would answer anyway.
 */
const SIGNED_IN_ONLY = [/^\/admin(\/|$)/, /^\/orders(\/|$)/, /^\/checkout\/?$/, /^\/addresses\/?$/, /^\/account(\/|$)/, /^\/notifications\/?$/, /^\/favourites\/?$/, /^\/messages(\/|$)/, /^\/pay\/(?!scan\/)[^/]+\/?$/];
const ADMIN_ONLY = /^\/admin(\/|$)/;

export function needsSignIn(pathname: string): boolean {
  return SIGNED_IN_ONLY.some((pattern) => pattern.test(pathname));
}

/** The early answer for a page this caller may not open, or null when the request may go on. */
export async function pageAccessAnswer(req: NextRequest): Promise<NextResponse | null> {
  const { pathname, search } = req.nextUrl;
  if (!needsSignIn(pathname)) return null;
  // Decoded with our secret and not expired, or null; a token seen before is not decrypted again.
  const raw = SESSION_COOKIES.map((name) => req.cookies.get(name)?.value).find(Boolean);
  const token = raw ? await decodeSessionToken(raw) : null;
  if (!token) {
    const signIn = new URL(`/sign-in?${new URLSearchParams({ callbackUrl: `${pathname}${search}` })}`, req.nextUrl);
    // Next's proxy wants an absolute URL here and sends it on as a relative one (same origin).
    const response = NextResponse.redirect(signIn, 307);
    response.headers.set("cache-control", "no-store");
    return response;
  }
  // Next's own not-found route: its page, with status 404, without rendering the admin page.
  if (ADMIN_ONLY.test(pathname) && token.role !== "admin") return NextResponse.rewrite(new URL("/_not-found", req.nextUrl));
  return null;
}
