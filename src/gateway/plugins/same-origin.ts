import type { FastifyPluginCallback } from "fastify";
import fp from "fastify-plugin";
import { CROSS_ORIGIN_REFUSAL, SAFE_METHODS, isCrossOrigin, nodeHeaderGetter } from "@/server/http/request-guard";

/** Server-to-server endpoints authenticate by signature, not by an ambient cookie. */
const SIGNED_ENDPOINTS = ["/api/payments/notify", "/api/inngest"];

/**
 * Refuses state-changing API calls a browser sent from another site: tRPC accepts form posts,
 * so a cross-site <form> could otherwise ride on the shopper's cookie. Pages and next-auth get
 * the same rule from Next's proxy (src/proxy.ts), which sees them after the gateway.
 */
const sameOrigin: FastifyPluginCallback = (app, _options, done) => {
  app.addHook("onRequest", async (request, reply) => {
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith("/api/")) return;
    if (SIGNED_ENDPOINTS.some((path) => request.url.startsWith(path))) return;
    if (isCrossOrigin(nodeHeaderGetter(request.headers))) return reply.code(403).send(CROSS_ORIGIN_REFUSAL);
  });
  done();
};

export default fp(sameOrigin, { name: "shopflow-same-origin", fastify: "5.x" });
