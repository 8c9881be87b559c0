import type { IncomingMessage, ServerResponse } from "node:http";
import { TRPCError } from "@trpc/server";
import {
  getErrorShape,
  getHTTPStatusCode,
  getTRPCErrorFromUnknown,
  transformTRPCResponse,
  type AnyProcedure,
  type AnyRouter,
  type TRPCResponse,
} from "@trpc/server/unstable-core-do-not-import";
import { retryAfterOf } from "./trpc";

/** A request the direct path can answer: one procedure, called with the method its type wants. */
export type DirectCall = { path: string; procedure: AnyProcedure; type: "query" | "mutation"; search: string };

function isJson(contentType: string | undefined): boolean {
  return contentType?.toLowerCase().split(";", 1)[0]!.trim() === "application/json";
}

/**
 * Whether a /api/trpc request is a plain single call — a GET query or a JSON POST mutation,
 * not batched, not streamed, on a procedure that exists — or null when tRPC's own adapter
 * must handle it (batches from the browser's batch link, streaming, subscriptions, unknown
 * paths, wrong methods, other content types, malformed URLs: every case whose answer is an
 * error or a format of its own is left to the adapter that defines it).
 */
export function planDirectCall(router: AnyRouter, req: IncomingMessage, prefix: string): DirectCall | null {
  const url = req.url ?? "";
  const q = url.indexOf("?");
  const rawPath = url.slice(prefix.length, q < 0 ? undefined : q);
  const search = q < 0 ? "" : url.slice(q + 1);
  if (rawPath.includes(",") || req.headers["trpc-accept"] !== undefined || req.headers.accept?.includes("application/jsonl")) return null;
  if (search && new URLSearchParams(search).get("batch") === "1") return null;
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  const procedure = (router._def.procedures as Record<string, AnyProcedure | undefined>)[path];
  if (!procedure || !Object.hasOwn(router._def.procedures, path)) return null;
  const type = procedure._def.type;
  const contentType = req.headers["content-type"];
  if (req.method === "GET" && type === "query" && (contentType === undefined || isJson(contentType))) return { path, procedure, type, search };
  if (req.method === "POST" && type === "mutation" && isJson(contentType)) return { path, procedure, type, search };
  return null;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** A finished answer: status, JSON body and, for a refused caller, the seconds to wait. */
export type DirectAnswer = { status: number; body: string; retryAfter?: number };

/**
 * Answers a planned single call exactly as tRPC's fetch/node adapters answer it — same input
 * decoding (JSON, then the router's transformer), same context, same procedure call with its
 * middlewares and zod input/output parsing, same error shape (the router's errorFormatter),
 * same status code and same JSON envelope — but straight from Node's request and response.
 * The adapter first turns the Node request into a Web `Request` (with an AbortController and
 * a body stream) and pipes a Web `Response` back through a WritableStream; for a small query
 * that plumbing cost more than the query itself.
 */
export async function renderDirectCall<TContext>(
  router: AnyRouter,
  call: DirectCall,
  req: IncomingMessage,
  createContext: () => Promise<TContext>,
): Promise<DirectAnswer> {
  const config = router._def._config;
  // Parsed lazily inside the procedure's input middleware, as the adapter does, so malformed
  // input fails the same way; `parsed` is what the error shape reports as the input.
  let parsed: { value: unknown } | undefined;
  const text = call.type === "query" ? new URLSearchParams(call.search).get("input") : await readBody(req);
  const getRawInput = async () => {
    if (!parsed) {
      try {
        const json: unknown = text ? JSON.parse(text) : undefined;
        parsed = { value: json === undefined ? undefined : config.transformer.input.deserialize(json) };
      } catch (cause) {
        // As the adapter reports unreadable input.
        if (cause instanceof TRPCError) throw cause;
        throw new TRPCError({ code: "BAD_REQUEST", message: cause instanceof Error ? cause.message : "Invalid input", cause });
      }
    }
    return parsed.value;
  };

  let ctx: TContext | undefined;
  let data: unknown;
  try {
    ctx = await createContext();
    data = await call.procedure({ path: call.path, getRawInput, ctx, type: call.type, signal: undefined, batchIndex: 0 });
  } catch (cause) {
    const error = getTRPCErrorFromUnknown(cause);
    const body: TRPCResponse = { error: getErrorShape({ config, ctx, error, input: parsed?.value, path: call.path, type: call.type }) };
    return { status: getHTTPStatusCode([body]), body: JSON.stringify(transformTRPCResponse(config, body)), retryAfter: retryAfterOf(error) };
  }
  // What transformTRPCResponse makes of a result, without its generic object copies.
  return { status: 200, body: JSON.stringify({ result: { data: config.transformer.output.serialize(data) } }) };
}

export function writeDirectAnswer(res: ServerResponse, answer: DirectAnswer): void {
  res.statusCode = answer.status;
  res.setHeader("vary", "trpc-accept, accept");
  res.setHeader("content-type", "application/json");
  if (answer.retryAfter !== undefined) res.setHeader("retry-after", String(answer.retryAfter));
  res.end(answer.body);
}
