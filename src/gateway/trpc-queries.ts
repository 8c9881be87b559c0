import { callTRPCProcedure, getTRPCErrorFromUnknown, getTRPCErrorShape, type TRPCError } from "@trpc/server";
import { getHTTPStatusCode } from "@trpc/server/http";
import type { FastifyReply, FastifyRequest } from "fastify";
import { appRouter } from "@/server/api/root";
import { createContext, trpcResponseMeta } from "@/server/api/trpc";
import { getDb } from "@/server/db/client";

const TRPC_PATH = "/api/trpc/";
const config = appRouter._def._config;
const transformer = config.transformer;
/** Every query procedure by its dotted path (tRPC keeps the router's procedures flat by path). */
const QUERY_PATHS = new Set(
  Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>)
    .filter(([, procedure]) => procedure._def.type === "query")
    .map(([path]) => path),
);

/** How many requests this process answered here; the tests use it to tell this path from tRPC's. */
let answeredHere = 0;
export const trpcQueriesAnsweredHere = () => answeredHere;

/** One call's part of the answer, before serialisation: tRPC's own shape. */
type CallAnswer = { result: { data: unknown } } | { error: ReturnType<typeof getTRPCErrorShape> };

/**
 * The browser's reads — a query, or a batch of them, as GET — answered by calling the
 * procedures with tRPC's public `callTRPCProcedure` and writing tRPC's answer directly.
 *
 * tRPC's Fastify adapter turns every request into a Web `Request` (with an AbortController
 * and two listeners on the socket), runs it through the fetch handler, which makes abort
 * signals of its own per call, and sends the `Response` it gets back as a Web stream. For a
 * read of an order that plumbing was half of what the gateway spent: 0.46–0.53 CPU ms per
 * read through the adapter, 0.22–0.26 here (docs/performance.md, round 21). The procedures, their middleware, input and output schemas,
 * the error formatter and the Retry-After mapping are the same ones tRPC runs; only the HTTP
 * plumbing differs. The answer is byte for byte what tRPC sends, errors included
 * (`trpc-queries.test.ts` compares them).
 *
 * Left to tRPC's adapter: anything but GET, a stream or an event stream asked for, a path that
 * is not a query procedure, an input that is not valid JSON or superjson, a session that could
 * not be read. Rate limits, metrics and the access log ran before this hook (onRequest).
 *
 * Returns the reply when it answered, undefined to let tRPC answer.
 */
export async function answerTRPCQueries(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (request.method !== "GET" || !request.url.startsWith(TRPC_PATH) || request.sessionError) return undefined;
  const accept = request.headers.accept;
  if (request.headers["trpc-accept"] !== undefined || accept?.includes("application/jsonl") || accept?.includes("text/event-stream")) return undefined;
  // tRPC reads a GET's input as JSON whatever its content type, except form data and octets it refuses.
  const contentType = request.headers["content-type"]?.toLowerCase();
  if (contentType !== undefined && !contentType.startsWith("application/json")) return undefined;
  const calls = readCalls(request);
  if (!calls) return undefined;

  const ctx = createContext({ db: getDb(), session: request.session, requestId: String(request.id), clientIp: request.ip });
  const answers: CallAnswer[] = [];
  const errors: TRPCError[] = [];
  await Promise.all(
    calls.paths.map(async (path, batchIndex) => {
      const input = calls.inputs[batchIndex];
      try {
        const data = await callTRPCProcedure({ router: appRouter, path, getRawInput: async () => input, ctx, type: "query", signal: undefined, batchIndex });
        answers[batchIndex] = { result: { data } };
      } catch (cause) {
        const error = getTRPCErrorFromUnknown(cause);
        errors.push(error);
        answers[batchIndex] = { error: getTRPCErrorShape({ config, error, type: "query", path, input, ctx }) };
      }
    }),
  );

  answeredHere += 1;
  const untransformed = calls.batch ? answers : answers[0]!;
  const serialized = answers.map((answer) =>
    "error" in answer ? { error: transformer.output.serialize(answer.error) } : { result: { data: transformer.output.serialize(answer.result.data) } },
  );
  for (const [name, value] of Object.entries(trpcResponseMeta({ errors }).headers ?? {})) reply.header(name, value);
  return sendTRPCJson(reply, JSON.stringify(calls.batch ? serialized : serialized[0]), getHTTPStatusCode(untransformed as Parameters<typeof getHTTPStatusCode>[0]));
}

/** What tRPC's adapter sends with a JSON answer. */
const ANSWER_HEADERS = { "content-type": "application/json", vary: "trpc-accept, accept" };

/**
 * Sends an answer already written as tRPC writes it, with tRPC's headers. As bytes: a string
 * would have Fastify add a charset to the content type tRPC sends.
 */
export function sendTRPCJson(reply: FastifyReply, json: string, status = 200): FastifyReply {
  return reply.code(status).headers(ANSWER_HEADERS).send(Buffer.from(json));
}

type Calls = { batch: boolean; paths: string[]; inputs: unknown[] };

/** The calls a GET names, read as tRPC reads them; undefined for anything tRPC should answer itself. */
function readCalls(request: FastifyRequest): Calls | undefined {
  const queryAt = request.url.indexOf("?");
  let pathPart: string;
  try {
    pathPart = decodeURIComponent(request.url.slice(TRPC_PATH.length, queryAt === -1 ? undefined : queryAt));
  } catch {
    return undefined;
  }
  const query = request.query as Record<string, unknown>;
  if (query.batch !== undefined && query.batch !== "1") return undefined;
  const batch = query.batch === "1";
  const paths = batch ? pathPart.split(",") : [pathPart];
  if (!paths.every((path) => QUERY_PATHS.has(path))) return undefined;
  if (query.input !== undefined && typeof query.input !== "string") return undefined;
  if (query.connectionParams !== undefined) return undefined;
  try {
    const sent = query.input === undefined ? undefined : JSON.parse(query.input as string);
    if (!batch) return { batch, paths, inputs: [sent === undefined ? undefined : transformer.input.deserialize(sent)] };
    // A batch's input is an object keyed by each call's index (tRPC refuses anything else).
    if (sent !== undefined && (typeof sent !== "object" || sent === null || Array.isArray(sent))) return undefined;
    const byIndex = (sent ?? {}) as Record<string, unknown>;
    const inputs = paths.map((_, index) => {
      const raw = byIndex[index];
      return raw === undefined ? undefined : transformer.input.deserialize(raw);
    });
    return { batch, paths, inputs };
  } catch {
    return undefined;
  }
}
