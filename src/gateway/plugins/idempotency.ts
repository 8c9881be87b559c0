import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { FastifyPluginCallback, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { getDb } from "@/server/db/client";
import { claimIdempotencyKey, releaseIdempotencyKey, storeIdempotentAnswer } from "../idempotency-store";

declare module "fastify" {
  interface FastifyRequest {
    /** Set when this request claimed an Idempotency-Key: its answer is kept for replay. */
    idempotency?: { scope: string; key: string };
  }
}

const HEADER = "idempotency-key";
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** Answers larger than this are not kept (none of ours come close). */
const MAX_STORED_BYTES = 256 * 1024;
/** Headers a replay must repeat for the answer to mean the same. */
const KEPT_HEADERS = ["content-type", "location", "retry-after"];

/** POSTs that change things: the REST API's and tRPC's. */
const appliesTo = (request: FastifyRequest) => request.method === "POST" && (request.url.startsWith("/api/v1/") || request.url.startsWith("/api/trpc/"));

/** Keys are private to their caller: the API key, else the user, else the address. */
function scopeOf(request: FastifyRequest): string {
  const { apiKeyId, userId } = request.identity;
  return apiKeyId ? `apiKey:${apiKeyId}` : userId ? `user:${userId}` : `ip:${request.ip}`;
}

function fingerprint(request: FastifyRequest): string {
  return createHash("sha256")
    .update(`${request.method} ${request.url}\n`)
    .update(typeof request.body === "string" ? request.body : JSON.stringify(request.body ?? null))
    .digest("hex");
}

const isReadable = (value: unknown): value is Readable => value instanceof Readable;

/** The whole of a (small) stream as text; null past `limit` bytes. */
async function readAll(stream: Readable, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > limit) return null;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

const refusal = (code: string, message: string) => ({ error: { code, message } });

/**
 * The `Idempotency-Key` header, with Stripe's semantics, on every POST of /api/v1 and
 * /api/trpc: the same key and body within 24 hours replays the first answer with
 * `Idempotent-Replayed: true`; the same key with another request is a 422; while the first is
 * still running, a 409 with Retry-After. A 5xx is not kept, so a retry runs again. The claim is
 * one statement on the key's primary key, so concurrent requests cannot both run.
 * Requests without the header are untouched (the body-level keys of payments keep working).
 */
const idempotency: FastifyPluginCallback = (app, _options, done) => {
  app.addHook("preHandler", async (request, reply) => {
    if (!appliesTo(request)) return;
    const raw = request.headers[HEADER];
    if (raw === undefined) return;
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!key || !KEY_PATTERN.test(key)) {
      return reply.code(400).send(refusal("IDEMPOTENCY_KEY_INVALID", "Idempotency-Key must be 1 to 255 visible ASCII characters"));
    }
    const scope = scopeOf(request);
    const claim = await claimIdempotencyKey(getDb(), { scope, key, requestHash: fingerprint(request) });
    if (claim.kind === "claimed") {
      request.idempotency = { scope, key };
      return;
    }
    if (claim.kind === "mismatch") {
      return reply.code(422).send(refusal("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used for a different request; use a new key for a new request"));
    }
    if (claim.kind === "running") {
      return reply.code(409).header("retry-after", "1").send(refusal("IDEMPOTENCY_KEY_IN_USE", "A request with this Idempotency-Key is still being processed; retry in a moment"));
    }
    reply.code(claim.answer.status).headers(claim.answer.headers).header("idempotent-replayed", "true");
    return reply.send(claim.answer.body);
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const claimed = request.idempotency;
    if (!claimed) return payload;
    request.idempotency = undefined;
    // tRPC's adapter answers with a Web Response, which Fastify unpacks after these hooks: unpack
    // it here instead (a claimed request's answer is small), keep it, and send the same bytes on.
    if (payload instanceof Response) {
      reply.code(payload.status);
      payload.headers.forEach((value, name) => void reply.header(name, value));
      payload = await payload.text();
    }
    const body = typeof payload === "string" ? payload : Buffer.isBuffer(payload) ? payload.toString("utf8") : isReadable(payload) ? await readAll(payload, MAX_STORED_BYTES) : null;
    if (reply.statusCode >= 500 || body === null || body.length > MAX_STORED_BYTES) {
      await releaseIdempotencyKey(getDb(), claimed);
      return body ?? payload;
    }
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    await storeIdempotentAnswer(getDb(), { ...claimed, answer: { status: reply.statusCode, headers, body } });
    return body;
  });
  done();
};

export default fp(idempotency, { name: "shopflow-idempotency", dependencies: ["shopflow-identity"], fastify: "5.x" });
