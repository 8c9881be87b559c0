import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply } from "fastify";
import { nodeHeaderGetter, requestIdOf } from "@/server/http/request-guard";
import { logger as appLogger, type Logger } from "@/server/observability/logger";
import type { SchedulerMode } from "@/server/scheduler/mode";
import accessLog from "./plugins/access-log";
import adminCsvExport, { type AdminCsvExportOptions } from "./plugins/admin-csv-export";
import health from "./plugins/health";
import identity from "./plugins/identity";
import idempotency from "./plugins/idempotency";
import inngestEndpoint from "./plugins/inngest";
import messagePictures from "./plugins/message-pictures";
import loadShedding, { type LoadSheddingOptions } from "./plugins/load-shedding";
import metrics from "./plugins/metrics";
import { apiRateLimitPlugin, type ApiRateLimitOptions } from "./rate-limit";
import { countRateLimitRejection } from "@/server/observability/metrics";
import nextProxy from "./plugins/next-proxy";
import pageVisibility from "./plugins/page-visibility";
import paymentNotify from "./plugins/payment-notify";
import productImages from "./plugins/product-images";
import requestContext from "./plugins/request-context";
import restApi, { REST_PREFIX } from "./plugins/rest-api";
import { PROBLEM_CONTENT_TYPE, problem } from "./problem";
import sameOrigin from "./plugins/same-origin";
import trpc from "./plugins/trpc";
import "./types";

export type GatewayOptions = {
  /** Where Next listens; without it the gateway answers only its own routes (tests). */
  nextUpstream?: string;
  /** Proxy hops in front of the gateway that append to X-Forwarded-For (TRUST_PROXY). */
  trustProxy?: number;
  logger?: Logger;
  /** Decides what /api/inngest answers; read from the environment when omitted. */
  schedulerMode?: SchedulerMode;
  /**
   * Rate limits, metrics and the access log off: only for measuring what they cost
   * (`BENCH_BARE_GATEWAY=1 npm run bench`).
   */
  bare?: boolean;
  /** Options of the shared rate limits (tests pass small allowances); false switches them off. */
  rateLimit?: Partial<ApiRateLimitOptions> | false;
  /** Overload thresholds; false switches load shedding off. */
  loadShedding?: LoadSheddingOptions | false;
  /** Options of the admin lists' CSV exports (tests pass a small page size). */
  csvExport?: AdminCsvExportOptions;
};

/**
 * The HTTP edge: one Fastify instance, one plugin per concern. Order matters and reads top to
 * bottom as a request meets it: its context and id, load shedding, the same-origin rule, who
 * is calling, then the routes — the gateway's own (/api/trpc, /api/inngest, payment
 * notifications, product images, message pictures, health) and everything else proxied to Next.
 */
export async function buildGateway(options: GatewayOptions = {}): Promise<FastifyInstance> {
  const logger = (options.logger ?? appLogger).child({ role: "gateway" });
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // The access-log plugin writes the one line per request; request ids come from the request
    // context (logger.ts's mixin), so no per-request child logger is made.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: (parent) => parent,
    // proxy-addr's hop count: the nearest `trustProxy` hops are ours (src/server/http/client-address.ts).
    trustProxy: (_address: string, hop: number) => hop < (options.trustProxy ?? 0),
    // The caller's x-request-id when it is sane (so a trace can cross our edge), else a fresh one.
    genReqId: (request) => requestIdOf(nodeHeaderGetter(request.headers)),
    // A browser batch names every procedure in the path: allow long ones.
    routerOptions: { maxParamLength: 10_000 },
    return503OnClosing: true,
    // Up to 2 MiB per request body: a megabyte of text (a long message, an import) fits with its
    // JSON envelope; more is refused with 413 before it is read.
    bodyLimit: 2 * 1024 * 1024,
    // A URL that cannot be decoded (`/api/v1/orders/%`) never reaches a route or its hooks: it
    // is refused here, in the REST API's error shape under /api/v1.
    frameworkErrors: (error, request, anyReply) => {
      const reply = anyReply as FastifyReply;
      const detail = "The URL cannot be decoded (a broken percent-encoding?)";
      const code = error.code ?? "BAD_URL";
      if (request.url.startsWith(`${REST_PREFIX}/`)) {
        return reply.code(400).type(PROBLEM_CONTENT_TYPE).send(problem({ status: 400, code, detail, requestId: String(request.id) }));
      }
      return reply.code(400).send({ error: { code, message: detail } });
    },
  });

  // Anything thrown and not answered by a plugin: its status when it is a client error, a
  // generic 500 (logged once, never sent) otherwise. No stack ever reaches the caller.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500 && status !== 503) request.log.error({ err: error }, "request failed");
    const message = status >= 500 && status !== 503 ? "Something went wrong on our side. Please try again." : error.message;
    return reply.code(status).send({ error: { code: error.code ?? "INTERNAL_SERVER_ERROR", message } });
  });

  await app.register(requestContext);
  if (options.loadShedding !== false) {
    await app.register(loadShedding, options.loadShedding ?? { maxEventLoopDelayMs: 1_000, maxRssBytes: 0 });
  }
  await app.register(sameOrigin);
  await app.register(identity);
  // Counted after the caller is known: per API key, else user, else address.
  if (!options.bare && options.rateLimit !== false) {
    await app.register(apiRateLimitPlugin, {
      onLimited: (request) => countRateLimitRejection(request.identity.apiKeyId ? "api-key" : request.identity.userId ? "user" : "address"),
      ...options.rateLimit,
    });
  }
  if (!options.bare) {
    await app.register(metrics);
    await app.register(accessLog, { logger });
  }
  await app.register(idempotency);
  await app.register(health, { role: "gateway" });
  await app.register(trpc);
  await app.register(restApi);
  await app.register(adminCsvExport, options.csvExport ?? {});
  await app.register(inngestEndpoint, { mode: options.schedulerMode });
  const allowance = options.rateLimit ? options.rateLimit.perMinute : undefined;
  await app.register(paymentNotify, allowance ? { refusedPerMinute: allowance } : {});
  await app.register(productImages);
  await app.register(messagePictures);
  if (options.nextUpstream) {
    await app.register(pageVisibility);
    await app.register(nextProxy, { upstream: options.nextUpstream });
  }
  return app;
}
