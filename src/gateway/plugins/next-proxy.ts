import proxy from "@fastify/http-proxy";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, RawServerBase, RouteGenericInterface } from "fastify";
import fp from "fastify-plugin";
import { CLIENT_ADDRESS_HEADER } from "@/server/http/client-address";
import { splitLocalePath } from "@/i18n/config";
import { readCookie } from "@/server/auth/session";
import { dropCachedSessionsHere } from "@/server/domain/user";
import { HIDDEN_PAGE_HEADER, renderedPageOf } from "@/server/http/hidden-page";
import { audienceText, PAGE_AUDIENCE_HEADER, pageAudienceOf } from "@/server/http/page-audience";
import { pageCacheLookups } from "@/server/observability/metrics";
import { BuiltPageCache, isBuiltPageAnswer, type PageRequest, type PageResponse } from "../built-page-cache";
import { withoutLanguageRewriteQuery } from "./language-rewrite";

export type NextProxyOptions = {
  /** Where Next listens (`next start` / `next dev` on an internal address), e.g. http://127.0.0.1:3001. */
  upstream: string;
  /** Requests Next is given at once (NEXT_MAX_CONCURRENT_REQUESTS); more wait in the gateway. */
  maxConcurrent?: number;
  /** Bytes of built pages the gateway keeps (PAGE_CACHE_BYTES); 0 keeps none. */
  pageCacheBytes?: number;
};

/**
 * Built pages kept by the gateway: 16 MB holds every built page in both languages for each kind of
 * reader many times over (a page is ~12 KB; an admin list is kept per query string).
 */
export const PAGE_CACHE_BYTES = 16 * 1024 * 1024;

/**
 * How many requests Next renders at once. Each render in flight holds its React tree, RSC
 * payload and HTML stream: at 50 at once (the proxy's default allows 128) Next's live heap
 * passed its 192 MB bound on an idle machine and the process died, taking the shop down. More
 * at once buys no throughput from one event loop; waiting here costs a queued socket.
 */
export const NEXT_MAX_CONCURRENT_REQUESTS = 16;

/** Seconds a caller is asked to wait while Next cannot be reached (the supervisor restarts it in about 2 s). */
const NEXT_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * Everything the gateway does not answer itself — pages, next-auth, static files, the dev
 * server's hot-reload websocket — goes to Next, which runs as plain `next start`/`next dev`.
 * Next never sees the client's socket, so the gateway tells it who is calling: the client
 * address (worked out once, with TRUST_PROXY, by Fastify) replaces any `x-shopflow-client-ip`
 * the caller sent, and the request id travels on so Next's lines join the gateway's.
 * A page view the visibility check hid (page-visibility.ts) says so in HIDDEN_PAGE_HEADER.
 * Next must listen on an address only the gateway reaches, or those headers could be forged.
 */
const nextProxy: FastifyPluginAsync<NextProxyOptions> = async (app, { upstream, maxConcurrent = NEXT_MAX_CONCURRENT_REQUESTS, pageCacheBytes = PAGE_CACHE_BYTES }) => {
  const pages = pageCacheBytes > 0 ? new BuiltPageCache({ maxBytes: pageCacheBytes }) : null;
  app.decorateRequest("builtPage", null);
  if (pages) {
    // Runs after the visibility check (an app-wide onRequest hook): a hidden page is never served from here.
    app.addHook("preHandler", async (request, reply) => {
      request.builtPage = await builtPageOf(request);
      if (!request.builtPage) return;
      const kept = pages.find(request.builtPage.key, pageRequestOf(request));
      if (!kept) return;
      pageCacheLookups.inc({ result: "hit" });
      return reply
        .code(200)
        .headers(withoutLanguageRewriteQuery(kept.headers, request.url))
        .header("x-request-id", request.id)
        .header(PAGE_CACHE_HEADER, "hit")
        .send(kept.body);
    });
  }
  await app.register(proxy, {
    upstream,
    websocket: true,
    // One request per connection (no pipelining), so the connections bound the renders.
    undici: { connections: maxConcurrent, pipelining: 1 },
    replyOptions: {
      // Next not answering (restarting after a crash, or still starting) is a temporary state of
      // the service, not an error of ours: 503 with Retry-After (504 when it timed out), never 500.
      onError: (reply, { error }) => unavailable(reply, (error as { statusCode?: number }).statusCode === 504 ? 504 : 503),
      rewriteHeaders: (headers, request) => {
        // The proxy's note of whom it answered for is for the page cache only.
        const { [PAGE_AUDIENCE_HEADER]: _audience, ...rest } = headers;
        return request ? withoutLanguageRewriteQuery(rest, request.url) : rest;
      },
      // A built page is read whole and kept before it is sent; every other answer streams through.
      onResponse: (request, reply, res) => {
        if (isSignOut(request)) dropCachedSessionsHere();
        // What @fastify/reply-from hands over: Next's status, headers and body stream.
        const upstream = res as unknown as { statusCode: number; headers: PageResponse["headers"]; stream: NodeJS.ReadableStream };
        const page = request.builtPage;
        const { [PAGE_AUDIENCE_HEADER]: answeredFor, ...headers } = upstream.headers;
        const response = { status: upstream.statusCode, headers };
        // Kept only when the proxy answered for the audience the key names.
        if (!pages || !page || !isBuiltPageAnswer(response) || answeredFor !== page.audience) {
          if (pages && page) pageCacheLookups.inc({ result: "miss" });
          return reply.send(upstream.stream);
        }
        readWhole(upstream.stream).then(
          (body) => {
            pageCacheLookups.inc({ result: pages.keep(page.key, pageRequestOf(request), response, body) ? "stored" : "miss" });
            return reply.header(PAGE_CACHE_HEADER, "miss").send(body);
          },
          // Next's answer broke off: as if Next could not be reached.
          () => unavailable(reply, 503),
        );
      },
      rewriteRequestHeaders: (request, headers) => {
        // Only the page-visibility check says a page is hidden; a caller's copy is dropped.
        const { [HIDDEN_PAGE_HEADER]: _callerSaid, ...rest } = headers;
        return {
          ...rest,
          [CLIENT_ADDRESS_HEADER]: request.ip,
          "x-request-id": request.id,
          "x-forwarded-host": request.headers.host ?? "",
          "x-forwarded-proto": request.protocol,
          ...(request.hiddenPage ? { [HIDDEN_PAGE_HEADER]: "1" } : {}),
        };
      },
    },
  });
  app.addHook("onRequest", async (request) => {
    request.routeLabel ??= "next";
  });
};

function unavailable(reply: FastifyReply<RouteGenericInterface, RawServerBase>, status: 503 | 504): void {
  void reply
    .code(status)
    .header("retry-after", String(NEXT_UNAVAILABLE_RETRY_AFTER_SECONDS))
    .header("cache-control", "no-store")
    .send({ error: { code: status === 504 ? "GATEWAY_TIMEOUT" : "SERVICE_UNAVAILABLE", message: "The shop's pages are briefly unavailable. Please try again in a few seconds." } });
}

/**
 * next-auth's sign-out, which Next answers once the session's revocation has committed. Next
 * runs in another process: its commit tells this one through cache-sync's notification, which
 * may arrive a moment after the answer has passed through here. The gateway drops its own
 * session cache before passing the answer on, so a copy of the token is refused from the very
 * next request through it (e2e/shop/security.spec.ts).
 */
function isSignOut(request: { method: string; url: string }): boolean {
  return request.method === "POST" && request.url.split("?", 1)[0] === "/api/auth/signout";
}

/** Says whether a page came from the gateway's cache (`hit`) or from Next (`miss`): for operators and tests. */
export const PAGE_CACHE_HEADER = "x-shopflow-page-cache";

/** A view the page cache may answer: its key, and the audience (`<locale> <reader>`) Next's proxy must have answered for. */
type BuiltPageView = { key: string; audience: string };

declare module "fastify" {
  interface FastifyRequest {
    /** The page cache's view of this request, or null when the cache may not answer it. */
    builtPage: BuiltPageView | null;
  }
}

/**
 * The page cache's view of a request, or null: only a plain GET of a page (no API, no Next file,
 * not hidden by the visibility check, no Range). The key is the audience the proxy answers for
 * (language and the reader's access, src/server/http/page-audience.ts), then the page Next
 * renders (one shell for every order or product id) and the query.
 */
async function builtPageOf(request: FastifyRequest): Promise<BuiltPageView | null> {
  if (request.method !== "GET" || request.hiddenPage || request.headers.range) return null;
  const [path = "/", query] = request.url.split("?", 2);
  if (path.startsWith("/api/") || path.startsWith("/_next/") || /^\/[^/]*\./.test(path)) return null;
  const audience = await pageAudienceOf(path, { cookie: (name) => readCookie(request.headers.cookie, name), acceptLanguage: request.headers["accept-language"] });
  const answeredFor = audienceText(audience);
  return { key: `${answeredFor} ${renderedPageOf(splitLocalePath(path).rest)}${query === undefined ? "" : `?${query}`}`, audience: answeredFor };
}

/** The request as the HTTP cache rules see it: its URL is the key, so every id of a shell finds the same answer. */
const pageRequestOf = (request: PageRequest & { builtPage: { key: string } | null }): PageRequest => ({ url: request.builtPage?.key ?? request.url, method: request.method, headers: request.headers });

function readWhole(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

export default fp(nextProxy, { name: "shopflow-next-proxy", fastify: "5.x", encapsulate: true });
