import underPressure from "@fastify/under-pressure";
import type { FastifyPluginAsync } from "fastify";
import fp from "fastify-plugin";

export type LoadSheddingOptions = {
  /** Event-loop delay (ms) above which new requests are refused; 0 switches the check off. */
  maxEventLoopDelayMs: number;
  /** Resident memory (bytes) above which new requests are refused; 0 switches the check off. */
  maxRssBytes: number;
  /** What the refused caller is told to wait, in seconds. */
  retryAfterSeconds?: number;
};

export const OVERLOAD_MESSAGE = "The service is busy. Please try again in a few seconds.";

/**
 * Under overload the gateway answers 503 with Retry-After at once instead of queueing without
 * bound. @fastify/under-pressure samples event-loop delay and memory off the request path and
 * refuses with a 503 error that the gateway's error handler answers in the usual shape.
 */
const loadShedding: FastifyPluginAsync<LoadSheddingOptions> = async (app, options) => {
  await app.register(underPressure, {
    maxEventLoopDelay: options.maxEventLoopDelayMs,
    maxRssBytes: options.maxRssBytes,
    retryAfter: options.retryAfterSeconds ?? 5,
    message: OVERLOAD_MESSAGE,
    exposeStatusRoute: false,
  });
};

export default fp(loadShedding, { name: "shopflow-load-shedding", fastify: "5.x" });
