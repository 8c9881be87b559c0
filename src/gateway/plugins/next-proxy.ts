import proxy from "@fastify/http-proxy";
import type { FastifyPluginAsync } from "fastify";
import fp from "fastify-plugin";
import { CLIENT_ADDRESS_HEADER } from "@/server/http/client-address";
import { HIDDEN_PAGE_HEADER } from "@/server/http/hidden-page";
import { withoutLanguageRewriteQuery } from "./language-rewrite";

export type NextProxyOptions = {
  /** Where Next listens (`next start` / `next dev` on an internal address), e.g. http://127.0.0.1:3001. */
  upstream: string;
  /** Requests Next is given at once (NEXT_MAX_CONCURRENT_REQUESTS); more wait in the gateway. */
  maxConcurrent?: number;
};

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
const nextProxy: FastifyPluginAsync<NextProxyOptions> = async (app, { upstream, maxConcurrent = NEXT_MAX_CONCURRENT_REQUESTS }) => {
  await app.register(proxy, {
    upstream,
    websocket: true,
    // One request per connection (no pipelining), so the connections bound the renders.
    undici: { connections: maxConcurrent, pipelining: 1 },
    replyOptions: {
      // Next not answering (restarting after a crash, or still starting) is a temporary state of
      // the service, not an error of ours: 503 with Retry-After (504 when it timed out), never 500.
      onError: (reply, { error }) => {
        const status = (error as { statusCode?: number }).statusCode === 504 ? 504 : 503;
        void reply
          .code(status)
          .header("retry-after", String(NEXT_UNAVAILABLE_RETRY_AFTER_SECONDS))
          .header("cache-control", "no-store")
          .send({ error: { code: status === 504 ? "GATEWAY_TIMEOUT" : "SERVICE_UNAVAILABLE", message: "The shop's pages are briefly unavailable. Please try again in a few seconds." } });
      },
      rewriteHeaders: (headers, request) => (request ? withoutLanguageRewriteQuery(headers, request.url) : headers),
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

export default fp(nextProxy, { name: "shopflow-next-proxy", fastify: "5.x", encapsulate: true });
