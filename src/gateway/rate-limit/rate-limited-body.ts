import type { FastifyRequest } from "fastify";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";

const TRPC_PREFIX = "/api/trpc";

/** The path without its query string. */
function pathOf(url: string): string {
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}

function isTrpc(path: string): boolean {
  return path === TRPC_PREFIX || path.startsWith(`${TRPC_PREFIX}/`);
}

/** A procedure name from the URL, or undefined when it does not decode (never a 500 for a bad path). */
function procedureOf(encoded: string): string | undefined {
  if (!encoded || encoded.includes(",")) return undefined;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

const message = (seconds: number) => `Too many requests; try again in ${seconds} s`;

/**
 * The body of a 429 in the shape the caller already handles for every other error:
 * - /api/trpc: tRPC's error envelope as our errorFormatter shapes it (src/server/api/trpc.ts),
 *   serialised by the superjson transformer (`{ json: … }`, no meta: every value is plain).
 *   tRPC clients take a non-array body as the answer to each call of a batch.
 * - any other /api path: RFC 9457 problem details (application/problem+json).
 */
export function rateLimitedBody(request: FastifyRequest, retryAfterSeconds: number): Record<string, unknown> {
  const path = pathOf(request.url);
  if (isTrpc(path)) {
    const procedure = procedureOf(path.slice(TRPC_PREFIX.length + 1));
    return {
      error: {
        json: {
          message: message(retryAfterSeconds),
          code: TRPC_ERROR_CODES_BY_KEY.TOO_MANY_REQUESTS,
          data: {
            code: "TOO_MANY_REQUESTS",
            httpStatus: 429,
            // One procedure: named like any error of that call; a batch has no single path.
            ...(procedure ? { path: procedure } : {}),
            domainCode: "RATE_LIMITED",
            retryAfterSeconds,
          },
        },
      },
    };
  }
  return {
    type: "about:blank",
    title: "Too Many Requests",
    status: 429,
    detail: message(retryAfterSeconds),
    code: "RATE_LIMITED",
    retryAfterSeconds,
  };
}

/** The content type of `rateLimitedBody`'s answer for this request. */
export function rateLimitedContentType(request: FastifyRequest): string {
  return isTrpc(pathOf(request.url)) ? "application/json; charset=utf-8" : "application/problem+json; charset=utf-8";
}
