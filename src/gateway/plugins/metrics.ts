import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { carriesForwardingHeaders, mayReadMetrics } from "@/server/observability/metrics-access";
import { requestStats } from "@/server/domain/monitoring/request-stats";
import { httpRequestDuration, renderMetrics } from "@/server/observability/metrics";
import "../types";

export type MetricsPluginOptions = {
  /** Bearer token for GET /metrics; defaults to METRICS_TOKEN. Without one, only internal addresses may read. */
  token?: string;
};

/** What a request is measured under: never the raw URL, so the number of series stays bounded. */
const routeOf = (request: FastifyRequest) => request.routeLabel ?? request.routeOptions.url ?? "unmatched";

/**
 * Prometheus for the gateway: every response is observed in http_request_duration_seconds
 * (method, route label, status) and counted for Admin → Monitoring (requestStats), and GET /metrics answers the process's registry to callers
 * allowed by mayReadMetrics — anyone else gets the same 404 as an unknown path.
 */
const metricsPlugin: FastifyPluginAsync<MetricsPluginOptions> = async (fastify, options) => {
  const token = options.token ?? process.env.METRICS_TOKEN;

  fastify.addHook("onResponse", (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = routeOf(request);
    httpRequestDuration.observe({ method: request.method, route, status_code: reply.statusCode }, reply.elapsedTime / 1000);
    // Admin → Monitoring's figures: a map update here, written to the database by a timer.
    requestStats.record(route, reply.statusCode, reply.elapsedTime);
    done();
  });

  fastify.get("/metrics", async (request, reply) => {
    const allowed = mayReadMetrics(
      { ip: request.ip, authorization: request.headers.authorization, viaUntrustedProxy: request.ips === undefined && carriesForwardingHeaders(request.headers) },
      token,
    );
    if (!allowed) return reply.callNotFound();
    const { contentType, body } = await renderMetrics();
    return reply.header("content-type", contentType).header("cache-control", "no-store").send(body);
  });
};

export default fp(metricsPlugin, { name: "shopflow-metrics", fastify: "5.x" });
