import type { IncomingMessage, ServerResponse } from "node:http";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { env } from "@/env";
import { getSessionFromCookieHeader } from "@/server/auth/session";
import { getDb } from "@/server/db/client";
import { cachedCatalogAnswer } from "@/server/domain/catalog";
import { clientAddress } from "@/server/http/client-address";
import { CROSS_ORIGIN_REFUSAL, SAFE_METHODS, isCrossOrigin, requestIdOf } from "@/server/http/request-guard";
import { runWithRequestContext, setRequestUser } from "@/server/observability/request-context";
import { logger } from "@/server/observability/logger";
import { planDirectCall, renderDirectCall, writeDirectAnswer, type DirectCall } from "./direct-call";
import { appRouter } from "./root";
import { createContext, retryAfterFor, toTRPCError, trpcResponseMeta } from "./trpc";

export const TRPC_PREFIX = "/api/trpc/";

/** Public queries whose answer depends on their input alone (no session, no per-user data). */
const PUBLIC_CATALOG_QUERIES = new Set(["catalog.list"]);

const header = (req: IncomingMessage) => (name: string) => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * /api/trpc served straight from Node's HTTP server, in front of Next's request handler
 * (scripts/serve.ts). The same router, context, tiers and error mapping as the App Router
 * route handler, and the same rules as the Next proxy: a request id taken from the caller or
 * made, echoed in the response and on every log line; state-changing cross-origin requests
 * refused with 403. What it skips is Next's per-request routing and Web Request plumbing,
 * which cost several times the work of a small query.
 */
export function createTrpcNodeHandler({ direct = true }: { direct?: boolean } = {}) {
  // A failure here never reaches the procedures' error mapping: map it (and log the
  // unexpected) here, or a database outage would answer 500s instead of 503s.
  async function contextFor(req: IncomingMessage, res: ServerResponse) {
    try {
      return await buildContext(req, res);
    } catch (error) {
      throw toTRPCError(error, "createContext");
    }
  }
  async function buildContext(req: IncomingMessage, res: ServerResponse) {
    const get = header(req);
    const db = getDb();
    const session = await getSessionFromCookieHeader(get("cookie"), db);
    setRequestUser(session?.id);
    return createContext({
      db,
      session,
      requestId: String(res.getHeader("x-request-id")),
      clientIp: clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], env().TRUST_PROXY),
    });
  }
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: TRPC_PREFIX,
    createContext: ({ req, res }) => contextFor(req, res),
    responseMeta: trpcResponseMeta,
  });
  // Plain single calls (what server code, scripts and the benchmark send) skip the adapter's
  // Web Request/Response plumbing; batches and anything unusual go through the adapter.
  async function answer(call: DirectCall, req: IncomingMessage, res: ServerResponse) {
    const render = () => renderDirectCall(appRouter, call, req, () => contextFor(req, res));
    // Public catalog answers depend on the input alone: served from the catalog's cache
    // (successful answers only; see catalogChanged for when it is dropped).
    const answered = PUBLIC_CATALOG_QUERIES.has(call.path)
      ? await cachedCatalogAnswer(`${call.path}?${call.search}`, render, (a) => a.status === 200)
      : await render();
    const retryAfter = retryAfterFor(answered.status);
    if (retryAfter) res.setHeader("retry-after", retryAfter);
    writeDirectAnswer(res, answered);
  }
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const call = direct ? planDirectCall(appRouter, req, TRPC_PREFIX) : null;
    if (!call) return trpc(req, res);
    return answer(call, req, res).catch((error: unknown) => {
      logger.error({ err: error }, "direct tRPC call failed");
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  };
  return (req: IncomingMessage, response: ServerResponse) => {
    const get = header(req);
    const requestId = requestIdOf(get);
    response.setHeader("x-request-id", requestId);
    if (!SAFE_METHODS.has(req.method ?? "GET") && isCrossOrigin(get)) {
      response.statusCode = 403;
      response.setHeader("content-type", "application/json");
      response.end(JSON.stringify(CROSS_ORIGIN_REFUSAL));
      return;
    }
    runWithRequestContext({ requestId }, () => handle(req, response));
  };
}
