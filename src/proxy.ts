import { NextResponse, type NextRequest } from "next/server";

/**
 * Runs before every route:
 * - gives each request an id (the caller's x-request-id when sane), passes it on to the
 *   route and echoes it in the response;
 * - refuses state-changing requests that come from another origin. tRPC accepts form posts,
 *   so a cross-site <form> could otherwise ride on the shopper's cookie.
 * Server-to-server endpoints (gateway notifications, Inngest) authenticate by signature instead.
 */
const SIGNED_ENDPOINTS = ["/api/payments/notify", "/api/inngest"];
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function isCrossOrigin(req: NextRequest): boolean {
  if (req.headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = req.headers.get("origin");
  if (!origin) return false; // non-browser clients carry no ambient cookies to abuse
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

export function proxy(req: NextRequest) {
  const given = req.headers.get("x-request-id");
  const requestId = given && REQUEST_ID.test(given) ? given : crypto.randomUUID();

  const path = req.nextUrl.pathname;
  if (!SAFE_METHODS.has(req.method) && !SIGNED_ENDPOINTS.some((p) => path.startsWith(p)) && isCrossOrigin(req)) {
    return NextResponse.json(
      { error: { code: "FORBIDDEN", message: "Cross-origin request refused" } },
      { status: 403, headers: { "x-request-id": requestId } },
    );
  }

  const headers = new Headers(req.headers);
  headers.set("x-request-id", requestId);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|css|js)$).*)"],
};
