import { NextResponse, type NextRequest } from "next/server";
import { LOCALE_HEADER, NOT_FOUND_HEADER, splitLocalePath } from "@/i18n/config";
import { CROSS_ORIGIN_REFUSAL, SAFE_METHODS, isCrossOrigin, requestIdOf } from "@/server/http/request-guard";
import { HIDDEN_PAGE_HEADER } from "@/server/http/hidden-page";
import { pageAccessAnswer } from "@/server/http/page-access";
import { audienceText, PAGE_AUDIENCE_HEADER, pageAudienceOf } from "@/server/http/page-audience";
import { trackLimitAnswer } from "@/server/http/track-limit-gate";

/**
 * Runs before every route:
 * - gives each request an id (the caller's x-request-id when sane), passes it on to the
 *   route and echoes it in the response;
 * - chooses the page's language (the one a path like `/zh-CN/cart` names, else the language
 *   switch's cookie, else Accept-Language) and passes it on in a header, on which
 *   `next.config.ts` rewrites the page to `/{locale}/…`;
 * - refuses state-changing requests that come from another origin. tRPC accepts form posts,
 *   so a cross-site <form> could otherwise ride on the shopper's cookie;
 * - sends visitors without a session from pages that need one to the sign-in page (a real
 *   307, before anything renders), routes everyone but admins from the admin area to the
 *   not-found page (404) before any admin page renders,
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
  const inPath = splitLocalePath(path);
  const page = inPath.rest;
  const audience = await pageAudienceOf(path, { cookie: (name) => req.cookies.get(name)?.value, acceptLanguage: get("accept-language") });
  const { locale } = audience;
  if (!SAFE_METHODS.has(req.method) && !SIGNED_ENDPOINTS.some((p) => path.startsWith(p)) && isCrossOrigin(get)) {
    return NextResponse.json(CROSS_ORIGIN_REFUSAL, { status: 403, headers: { "x-request-id": requestId } });
  }

  let notFound = false;
  if (req.method === "GET" || req.method === "HEAD") {
    const access = await pageAccessAnswer(req, page);
    // The gateway has found the record an order or product page shows hidden from this reader.
    notFound = access === "not-found" || get(HIDDEN_PAGE_HEADER) === "1" || isMissingFile(path);
    const answer = floorAnswer(page) ?? (access === "not-found" ? null : access) ?? (await trackLimitAnswer(req, page, locale));
    if (answer) {
      answer.headers.set("x-request-id", requestId);
      return answer;
    }
  }

  const headers = new Headers(req.headers);
  headers.set("x-request-id", requestId);
  headers.set(LOCALE_HEADER, locale);
  // Only the proxy decides this; whatever a caller sent is dropped.
  if (notFound) headers.set(NOT_FOUND_HEADER, "1");
  else headers.delete(NOT_FOUND_HEADER);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  // What the gateway's page cache checks before it keeps this answer (it never reaches the browser).
  response.headers.set(PAGE_AUDIENCE_HEADER, audienceText(audience));
  return response;
}

/**
 * A path like `/favicon.ico` or `/robots.txt`: a file, not a page, so next.config.ts routes it to
 * no language, and the files in public/ never reach the proxy (its matcher below leaves them
 * out; src/proxy.test.ts keeps the two in step). Left alone it would reach the
 * `[locale]` segment as a language named `favicon.ico`, whose not-found answer reads the request
 * inside a page built once and fails with a 500. It is the not-found page (404) instead.
 */
function isMissingFile(path: string): boolean {
  return /^\/[^/]*\./.test(path);
}

/**
 * The empty shop page the benchmark measures every shopper page against exists only when the
 * server runs with SHOPFLOW_FLOOR_PAGE=1: it is rendered once at build time, so the page itself
 * cannot ask.
 */
function floorAnswer(page: string): NextResponse | null {
  if (page !== "/floor" || process.env.SHOPFLOW_FLOOR_PAGE === "1") return null;
  return new NextResponse("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
}

export const config = {
  // Next's own files and public/'s (every file there ends in one of these; src/proxy.test.ts checks it).
  matcher: ["/((?!_next/static|_next/image|.*\\.(?:svg|png|jpg|css|js)$).*)"],
};
