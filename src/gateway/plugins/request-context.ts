import type { FastifyPluginCallback } from "fastify";
import fp from "fastify-plugin";
import { runWithRequestContext } from "@/server/observability/request-context";

/**
 * Every request runs inside its own request context (AsyncLocalStorage), so log lines and
 * audit rows written anywhere below know the request id and, once known, the user. The id is
 * Fastify's `request.id` (the caller's sane `x-request-id`, else a fresh UUID; see
 * build-gateway.ts) and is echoed on every answer.
 */
const requestContext: FastifyPluginCallback = (app, _options, done) => {
  app.decorateRequest("identity", null as never);
  app.addHook("onRequest", (request, reply, next) => {
    request.identity = {};
    reply.header("x-request-id", request.id);
    // Entering the store here makes it the context of every later hook and the handler.
    runWithRequestContext({ requestId: request.id }, next);
  });
  done();
};

export default fp(requestContext, { name: "shopflow-request-context", fastify: "5.x" });
