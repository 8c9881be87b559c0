import type { FastifyReply, FastifyRequest } from "fastify";
import { appRouter } from "@/server/api/root";
import { createCallerFactory, createContext } from "@/server/api/trpc";
import { getDb } from "@/server/db/client";
import { cachedCatalogAnswer } from "@/server/domain/catalog";
import { sendTRPCJson } from "./trpc-queries";

/** The one call answered here: the shop's public product list, as a single tRPC GET. */
export const KEPT_CATALOG_PATH = "/api/trpc/catalog.list";

const createCaller = createCallerFactory(appRouter);
const transformer = appRouter._def._config.transformer;

/**
 * The public product list is the busiest call the gateway answers and the same for every
 * caller: it depends on its input and on the catalog, on nothing about who asks. Even with
 * the data from the catalog's cache, each call through tRPC's adapter makes a Web Request of
 * the request, checks the input and the output with their schemas, serialises the answer and
 * sends it as a Web Response's stream. So the gateway keeps the answer's bytes, as tRPC would
 * send them, in that same cache (cachedCatalogAnswer, keyed by the input exactly as sent) and sends them again
 * until the catalog changes: a catalog or stock change drops them with the rest of the cache,
 * in this process after the commit and in every other one through the NOTIFY the change's
 * transaction carries (catalogChanged). What is not a plain successful call — a batch, a
 * stream, a refused input, a database that cannot be reached — is left to tRPC, which answers
 * it as always. Rate limits, metrics and the access log ran before this hook (onRequest).
 *
 * Returns the reply when it answered, undefined to let tRPC answer.
 */
export async function answerKeptCatalogList(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (request.method !== "GET" || !request.url.startsWith(KEPT_CATALOG_PATH)) return undefined;
  const rest = request.url.slice(KEPT_CATALOG_PATH.length);
  if (rest !== "" && !rest.startsWith("?")) return undefined;
  // A caller asking for a stream (JSON lines) gets tRPC's own answer to that.
  if (request.headers["trpc-accept"] !== undefined || request.headers.accept?.includes("application/jsonl")) return undefined;
  const query = request.query as Record<string, unknown>;
  if (query.batch !== undefined || (query.input !== undefined && typeof query.input !== "string")) return undefined;
  const sent = query.input as string | undefined;
  let body: string;
  try {
    body = await cachedCatalogAnswer(`trpc:${sent ?? ""}`, async () => {
      // As tRPC reads a query's input (JSON, then superjson), through the same procedure.
      const input = sent === undefined ? undefined : transformer.input.deserialize(JSON.parse(sent));
      const caller = createCaller(createContext({ db: getDb(), session: null, requestId: String(request.id), clientIp: request.ip }));
      const data = await caller.catalog.list(input as Parameters<typeof caller.catalog.list>[0]);
      return JSON.stringify({ result: { data: transformer.output.serialize(data) } });
    });
  } catch {
    return undefined;
  }
  return sendTRPCJson(reply, body);
}
