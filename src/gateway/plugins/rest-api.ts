import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyPluginAsync } from "fastify";
import fp from "fastify-plugin";
import { fastifyTRPCOpenApiPlugin, generateOpenApiDocument, type CreateOpenApiFastifyPluginOptions, type OpenAPIObject } from "trpc-to-openapi";
import type { AppRouter } from "@/server/api/root";
import { appRouter } from "@/server/api/root";
import { createContext, toTRPCError, trpcResponseMeta } from "@/server/api/trpc";
import { getDb } from "@/server/db/client";
import { PROBLEM_CONTENT_TYPE, problem, problemFromBody } from "../problem";
import { API_DESCRIPTION, CREATED_LOCATIONS } from "../rest-catalog";
import { MAX_BODY_DEPTH, nestsDeeperThan, undeclaredInput, type OperationShape } from "../rest-input-check";

export const REST_PREFIX = "/api/v1";
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

let document: OpenAPIObject | undefined;

type Responses = Record<string, { description?: string; content?: unknown; headers?: unknown }>;

/** The RFC 9457 body every /api/v1 error carries (src/gateway/problem.ts), as the document states it. */
const PROBLEM_SCHEMA = {
  type: "object",
  required: ["type", "title", "status", "detail", "code", "requestId"],
  properties: {
    type: { type: "string", description: "What kind of problem: a reference into docs/api.md" },
    title: { type: "string", description: "The HTTP status's phrase" },
    status: { type: "integer" },
    detail: { type: "string", description: "What went wrong, for a person" },
    code: { type: "string", description: "The domain code to branch on, e.g. ORDER_NOT_FOUND" },
    requestId: { type: "string", description: "Quote it: the access log has this request under it" },
    errors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } }, description: "Field messages of a refused input" },
    fieldIssues: {
      type: "object",
      additionalProperties: {
        type: "array",
        items: {
          type: "object",
          required: ["code"],
          properties: {
            code: { type: "string", description: "What is wrong with the field, e.g. too_long, required, pattern, invalid_email" },
            params: { type: "object", additionalProperties: { oneOf: [{ type: "string" }, { type: "number" }] }, description: "Values the message needs, e.g. { max: 40 }" },
          },
        },
      },
      description: "The same fields' problems as codes and values, to branch on or translate",
    },
    retryAfterSeconds: { type: "integer" },
  },
} as const;

/**
 * Error answers are problem+json, whatever the generator assumed: say so in the document. An
 * operation that takes a request body may also answer 413 (too large) and 415 (not JSON).
 */
function withProblemErrors(doc: OpenAPIObject): OpenAPIObject {
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, Problem: PROBLEM_SCHEMA as never } };
  for (const item of Object.values(doc.paths ?? {})) {
    for (const [method, operation] of Object.entries(item as Record<string, { responses?: Responses }>)) {
      if (operation?.responses && BODY_METHODS.has(method.toUpperCase())) {
        operation.responses["413"] = { description: "The request body is too large" };
        operation.responses["415"] = { description: "Send the body as application/json" };
      }
      for (const [status, response] of Object.entries(operation?.responses ?? {})) {
        if (Number(status) >= 400 || status === "default") response.content = { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } };
      }
    }
  }
  return doc;
}

/** A creation answers 201 with a Location (see responseMeta below): the document says so too. */
function withCreatedResponses(doc: OpenAPIObject): OpenAPIObject {
  const creating = new Set(Object.keys(CREATED_LOCATIONS).map((procedure) => procedure.replaceAll(".", "-")));
  for (const item of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(item as Record<string, { operationId?: string; responses?: Responses }>)) {
      const ok = operation.responses?.["200"];
      if (!ok || !operation.operationId || !creating.has(operation.operationId)) continue;
      operation.responses!["201"] = {
        ...ok,
        description: "Created: `Location` says where the new resource lives",
        headers: { Location: { description: "The new resource's path", schema: { type: "string" } } },
      };
      ok.description = "Answered again (a replay of a request already done)";
    }
  }
  return doc;
}

/**
 * The OpenAPI 3.1 document of /api/v1, generated from the procedures that carry `openapi`
 * meta — the same inputs, outputs and checks as the tRPC API, one source of truth.
 */
export function openApiDocument(): OpenAPIObject {
  document ??= withCreatedResponses(withProblemErrors(generateOpenApiDocument(appRouter, {
    title: "shopflow API",
    version: "1.0.0",
    description: API_DESCRIPTION,
    baseUrl: REST_PREFIX,
    docsUrl: "/docs",
    securitySchemes: {
      apiKey: { type: "http", scheme: "bearer", description: "An API key (`sf_live_…`) from Account → API keys or Admin → API keys." },
      session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The browser session of a signed-in user." },
    },
  })));
  return document;
}

/**
 * /api/v1: REST resources generated from the tRPC procedures (trpc-to-openapi's Fastify
 * adapter), the document at /api/openapi.json and an interactive reference at /docs (Swagger
 * UI served from the package, no network). Every error leaves as problem+json.
 */
const restApi: FastifyPluginAsync = async (app) => {
  app.get("/api/openapi.json", async () => openApiDocument());

  await app.register(async (docs) => {
    await docs.register(swagger, { mode: "static", specification: { document: openApiDocument() as never } });
    await docs.register(swaggerUi, { routePrefix: "/docs", uiConfig: { docExpansion: "list", persistAuthorization: true, tryItOutEnabled: true } });
  });

  await app.register(async (rest) => {
    rest.addHook("onRequest", async (request) => {
      request.routeLabel = restRouteLabel(request.method, request.url);
    });
    // Fields the operation does not declare are refused here, once for every operation and
    // before an Idempotency-Key is claimed (zod would silently drop them).
    rest.addHook("preValidation", async (request, reply) => {
      // A POST with nothing to send (`curl -X POST …/cancel`) is an empty JSON object, not a
      // missing media type.
      if (request.body === undefined && !request.headers["content-type"] && BODY_METHODS.has(request.method)) {
        request.headers["content-type"] = "application/json";
        request.body = {};
      }
      // Serialising or validating a 20,000-deep body would overflow the stack (a 500): refused first.
      if (nestsDeeperThan(request.body, MAX_BODY_DEPTH)) {
        return reply
          .code(400)
          .type(PROBLEM_CONTENT_TYPE)
          .send(problem({ status: 400, code: "BAD_REQUEST", detail: `The body nests deeper than ${MAX_BODY_DEPTH} levels`, requestId: request.id, errors: { body: ["Nested too deeply"] } }));
      }
      const operation = findOperation(request.method, request.url)?.operation;
      if (!operation) return;
      const errors = undeclaredInput(operation, { query: (request.query ?? {}) as Record<string, unknown>, body: request.body }, openApiDocument().components);
      const fields = Object.keys(errors);
      if (fields.length === 0) return;
      return reply
        .code(400)
        .type(PROBLEM_CONTENT_TYPE)
        .send(
          problem({
            status: 400,
            code: "BAD_REQUEST",
            detail: `Not part of this operation: ${fields.join(", ")}`,
            requestId: request.id,
            errors,
            fieldIssues: Object.fromEntries(fields.map((field) => [field, [{ code: "unknown_field" as const }]])),
          }),
        );
    });
    // Errors of every kind — the procedures', the adapter's, the gateway's own (404, 413, 415,
    // 429) — become one problem+json.
    rest.addHook("onSend", async (request, reply, payload) => {
      if (reply.statusCode < 400 || typeof payload !== "string") return payload;
      let body: unknown;
      try {
        body = JSON.parse(payload);
      } catch {
        body = {};
      }
      reply.type(PROBLEM_CONTENT_TYPE);
      return JSON.stringify(problemFromBody(reply.statusCode, (body ?? {}) as never, request.id));
    });
    // trpc-to-openapi's route handler sends through the reply but resolves to undefined, which an
    // async Fastify handler must not do while onSend hooks are still running (the answer would go
    // out empty): returning the reply says "answered".
    rest.addHook("onRoute", (route) => {
      const handler = route.handler;
      route.handler = async function answered(request, reply) {
        await handler.call(this, request, reply);
        return reply;
      };
    });
    rest.setNotFoundHandler((request, reply) => reply.code(404).send({ error: { code: "NOT_FOUND", message: `No resource at ${request.method} ${request.url.split("?")[0]}` } }));
    const adapterOptions: CreateOpenApiFastifyPluginOptions<AppRouter> = {
      basePath: REST_PREFIX,
      router: appRouter,
      createContext: ({ req }) => {
        if (req.sessionError) throw toTRPCError(req.sessionError, "createContext");
        return createContext({ db: getDb(), session: req.session, requestId: req.id, clientIp: req.ip });
      },
      responseMeta: ({ paths, data, errors }) => {
        if (errors.length > 0) return trpcResponseMeta({ errors });
        // A creation answers 201 with where the new resource lives.
        const locate = paths?.length === 1 ? CREATED_LOCATIONS[paths[0]!] : undefined;
        const location = locate?.(data[0]);
        return location ? { status: 201, headers: { location: `${REST_PREFIX}${location}` } } : {};
      },
    };
    await rest.register(fastifyTRPCOpenApiPlugin, adapterOptions);
  });
};

type Template = { method: string; pattern: RegExp; label: string; operation: OperationShape };
let templates: Template[] | undefined;

/** The document's operation an /api/v1 request reaches, if any. */
function findOperation(method: string, url: string): Template | undefined {
  templates ??= Object.entries(openApiDocument().paths ?? {}).flatMap(([template, item]) =>
    Object.entries(item as Record<string, OperationShape>).map(([verb, operation]) => ({
      method: verb.toUpperCase(),
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}/?$`),
      label: `rest ${verb.toUpperCase()} ${template}`,
      operation,
    })),
  );
  const path = url.split("?")[0]!.slice(REST_PREFIX.length);
  return templates.find((t) => t.method === method && t.pattern.test(path));
}

/**
 * Measured and logged by the operation it reaches (`rest GET /orders/{id}`), never by the raw
 * URL: labels become Prometheus series, so they are bounded by the document's operations.
 */
export function restRouteLabel(method: string, url: string): string {
  return findOperation(method, url)?.label ?? "rest unknown";
}

export default fp(restApi, { name: "shopflow-rest-api", dependencies: ["shopflow-identity"], fastify: "5.x", encapsulate: true });
