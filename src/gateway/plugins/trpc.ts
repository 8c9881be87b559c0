import { fastifyTRPCPlugin, type CreateFastifyContextOptions } from "@trpc/server/adapters/fastify";
import type { FastifyPluginAsync } from "fastify";
import fp from "fastify-plugin";
import { appRouter } from "@/server/api/root";
import { createContext, toTRPCError, trpcResponseMeta } from "@/server/api/trpc";
import { getDb } from "@/server/db/client";
import { answerKeptCatalogList } from "../kept-catalog-answer";
import { answerTRPCQueries } from "../trpc-queries";

export const TRPC_PREFIX = "/api/trpc";

/** Every procedure the router has, so labels are bounded by the code, not by what callers send. */
const PROCEDURES = new Set(Object.keys(appRouter._def.procedures));

/**
 * The label a tRPC call is measured and logged under: its procedure, or for a batch its first
 * procedure marked as a batch. Labels become Prometheus series, so they are bounded by the code
 * (two per procedure), never by what a caller chooses to combine. Anything that is not a
 * procedure is "trpc unknown".
 */
export function trpcRouteLabel(pathParameter: string | undefined): string {
  const paths = (pathParameter ?? "").split(",");
  if (!paths.every((path) => PROCEDURES.has(path))) return "trpc unknown";
  return paths.length === 1 ? `trpc ${paths[0]}` : `trpc batch ${paths[0]}`;
}

/**
 * /api/trpc: single and batched calls, the same router, context, tiers and error mapping as
 * server components use in-process. Reads sent as GET are answered by calling the procedures
 * through tRPC's public `callTRPCProcedure` (trpc-queries.ts); mutations and everything else go
 * through tRPC's official Fastify adapter.
 */
const trpc: FastifyPluginAsync = async (app) => {
  app.addHook("onRequest", async (request) => {
    if (request.url.startsWith(`${TRPC_PREFIX}/`)) {
      const path = request.url.slice(TRPC_PREFIX.length + 1).split("?")[0];
      request.routeLabel = trpcRouteLabel(safeDecode(path));
    }
  });
  // The public product list's kept answer, before tRPC's handler (see kept-catalog-answer.ts).
  app.addHook("preHandler", answerKeptCatalogList);
  // Every other read sent as GET, through the same procedures without the adapter's Web plumbing (see trpc-queries.ts).
  app.addHook("preHandler", answerTRPCQueries);
  await app.register(fastifyTRPCPlugin, { prefix: TRPC_PREFIX, trpcOptions });
};

/** How tRPC's adapter answers what the hooks above leave to it. */
export const trpcOptions = {
  router: appRouter,
  createContext: ({ req }: CreateFastifyContextOptions) => {
    // A session that could not be read (database down…) is answered in tRPC's shape, 503.
    if (req.sessionError) throw toTRPCError(req.sessionError, "createContext");
    return createContext({ db: getDb(), session: req.session, requestId: req.id, clientIp: req.ip });
  },
  responseMeta: trpcResponseMeta,
};

function safeDecode(value: string | undefined): string | undefined {
  try {
    return value === undefined ? undefined : decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

export default fp(trpc, { name: "shopflow-trpc", dependencies: ["shopflow-identity"], fastify: "5.x", encapsulate: true });
