import type { IncomingMessage, ServerResponse } from "node:http";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { getSessionFromCookieHeader } from "@/server/auth/session";
import { getDb } from "@/server/db/client";
import { CROSS_ORIGIN_REFUSAL, SAFE_METHODS, isCrossOrigin, requestIdOf } from "@/server/http/request-guard";
import { runWithRequestContext, setRequestUser } from "@/server/observability/request-context";
import { appRouter } from "./root";
import { createContext } from "./trpc";

export const TRPC_PREFIX = "/api/trpc/";

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
export function createTrpcNodeHandler() {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: TRPC_PREFIX,
    async createContext({ req, res }) {
      const get = header(req);
      const session = await getSessionFromCookieHeader(get("cookie"));
      setRequestUser(session?.id);
      const forwarded = get("x-forwarded-for")?.split(",")[0]?.trim();
      return createContext({
        db: getDb(),
        session,
        requestId: String(res.getHeader("x-request-id")),
        clientIp: forwarded || get("x-real-ip") || req.socket.remoteAddress || "local",
      });
    },
  });
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
    runWithRequestContext({ requestId }, () => trpc(req, response));
  };
}
