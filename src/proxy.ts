import { NextResponse, type NextRequest } from "next/server";
import { CROSS_ORIGIN_REFUSAL, SAFE_METHODS, isCrossOrigin, requestIdOf } from "@/server/http/request-guard";
import { pageAccessAnswer } from "@/server/http/page-access";
import { trackLimitAnswer } from "@/server/http/track-limit-gate";

/**
 * Runs before every route:
 * - gives each request an id (the caller's x-request-id when sane), passes it on to the
 *   route and echoes it in the response;
 * - refuses state-changing requests that come from another origin. tRPC accepts form posts,
 *   so a cross-site <form> could otherwise ride on the shopper's cookie;
 * - sends visitors without a session from pages that need one to the sign-in page (a real
 *   307, before anything renders), answers 404 for the admin area to everyone but admins,
 *   and 429 to a rate-limited /track lookup.
 * Server-to-server endpoints (gateway notifications, Inngest) authenticate by signature instead.
 * Every request reaches Next through the gateway (src/gateway), which answers /api/trpc and the
 * other API endpoints itself with the same rules; what arrives here is pages, next-auth and files.
 */
const SIGNED_ENDPOINTS = ["/api/payments/notify", "/api/inngest"];

export async function proxy(req: NextRequest) {
  const get = (name: string) => req.headers.get(name);
  const requestId = requestIdOf(get);

  const path = req.nextUrl.pathname;
  if (!SAFE_METHODS.has(req.method) && !SIGNED_ENDPOINTS.some((p) => path.startsWith(p)) && isCrossOrigin(get)) {
    return NextResponse.json(CROSS_ORIGIN_REFUSAL, { status: 403, headers: { "x-request-id": requestId } });
  }

  if (req.method === "GET" || req.method === "HEAD") {
    const answer = (await pageAccessAnswer(req)) ?? (await trackLimitAnswer(req));
    if (answer) {
      answer.headers.set("x-request-id", requestId);
      return answer;
    }
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
