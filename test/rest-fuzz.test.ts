import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGateway } from "@/gateway/build-gateway";
import { openApiDocument } from "@/gateway/plugins/rest-api";
import { getDb } from "@/server/db/client";
import { carriers } from "@/server/db/schema";
import { createApiKey } from "@/server/domain/api-key";
import { createAdmin, createPendingOrder } from "./fixtures";
import { DEEP_MARK, HUGE_MARK, inputFor, nasty, validFor, type JsonSchema } from "./fuzz/arbitraries";
import { withLogisticsDatabase } from "./logistics-fixtures";

/**
 * Every operation of /api/v1, taken from its OpenAPI document (a new operation is fuzzed without
 * anyone listing it), called through the whole gateway with generated input: bodies valid,
 * hostile in one place or anything at all; malformed JSON; 3 MB bodies; wrong media types;
 * nasty query values and unknown parameters; path parameters that are not ids. No answer may be
 * a 5xx, and every 4xx is a problem+json with the fields the document promises.
 *
 * A fixed seed and a bounded number of runs keep CI fast and failures reproducible; explore with
 * FUZZ_SEED=<n> FUZZ_RUNS=<n> npx vitest run test/rest-fuzz.test.ts.
 */
withLogisticsDatabase();

const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const SEED = Number(process.env.FUZZ_SEED ?? 13_013);

type Parameter = { name: string; in: string; required?: boolean; schema?: JsonSchema };
type Operation = { operationId: string; parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> }; responses: Record<string, unknown> };
type Request = { method: string; url: string; headers: Record<string, string>; body?: string };

const operations = Object.entries(openApiDocument().paths ?? {}).flatMap(([template, item]) =>
  Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({ template, method: method.toUpperCase(), operation, label: `${method.toUpperCase()} ${template}` })),
);

const DEEP = "[".repeat(20_000) + "]".repeat(20_000);
const HUGE = "é".repeat(512 * 1024);
const TOO_LARGE = `{"note":"${"x".repeat(3 * 1024 * 1024)}"}`;

/** JSON text of a generated value, with the markers for deep nesting and huge strings expanded. */
function jsonText(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? "null";
  } catch {
    text = "null";
  }
  return text.replaceAll(JSON.stringify(DEEP_MARK), DEEP).replaceAll(JSON.stringify(HUGE_MARK).slice(1, -1), HUGE);
}

const malformedBody = fc.constantFrom("", "{", "null", "[]", "[1,2]", '"text"', "1e999", "\uFEFF{}", '{"a":1,}', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"x":1}}}', DEEP, TOO_LARGE);
const wrongMediaType = fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/json-patch+json", "*/*");

const nastyText = nasty.map((value) => (typeof value === "string" ? value : jsonText(value)));

/** A path parameter: a row that exists, or anything that is not one. */
function pathValue(ids: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    ids.map(encodeURIComponent),
    nastyText.map((text) => encodeURIComponent(text.slice(0, 200)) || "x"),
    fc.constantFrom("%", "%E0%A4%A", "..", "%2F", "00000000-0000-4000-8000-000000000000", "-1", "1e3"),
  );
}

/** Query string: each declared parameter absent, valid or nasty, sometimes repeated, sometimes an unknown one. */
function queryFor(parameters: Parameter[], ids: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const declared = parameters.filter((p) => p.in === "query");
  const entries = declared.map((parameter) =>
    fc.oneof(
      fc.constant([] as [string, string][]),
      (parameter.schema ? validFor(parameter.schema, ids) : fc.string()).map((value) => [[parameter.name, typeof value === "string" ? value : jsonText(value)]] as [string, string][]),
      nastyText.map((text) => [[parameter.name, text.slice(0, 500)]] as [string, string][]),
      fc.tuple(fc.string(), fc.string()).map(([a, b]) => [[parameter.name, a], [parameter.name, b]] as [string, string][]),
    ),
  );
  const unknown = fc.oneof({ arbitrary: fc.constant([] as [string, string][]), weight: 3 }, { arbitrary: fc.constantFrom("pageSze", "__proto__", "input", "x[y]").map((name) => [[name, "1"]] as [string, string][]), weight: 1 });
  return fc.tuple(fc.tuple(...entries), unknown, fc.boolean()).map(([chosen, extra, broken]) => {
    const pairs = [...chosen.flat(), ...extra];
    // Strings with lone surrogates cannot be percent-encoded by URLSearchParams: send them raw-escaped.
    const text = pairs.map(([k, v]) => `${safeEncode(k)}=${safeEncode(v)}`).join("&");
    return broken ? `${text}&%E0%A4%A=%` : text;
  });
}

const safeEncode = (text: string) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return "%ED%A0%80";
  }
};

function requestsFor(op: (typeof operations)[number], ids: fc.Arbitrary<string>, key: string): fc.Arbitrary<Request> {
  const bodySchema = op.operation.requestBody?.content?.["application/json"]?.schema;
  const takesBody = ["POST", "PUT", "PATCH"].includes(op.method);
  const names = [...op.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const path = fc.tuple(...names.map(() => pathValue(ids))).map((values) => values.reduce((url, value, i) => url.replace(`{${names[i]}}`, value), op.template));
  const query = queryFor(op.operation.parameters ?? [], ids);
  const body = fc.oneof(
    { arbitrary: inputFor(bodySchema, ids).map((value) => ({ type: "application/json", text: jsonText(value) })), weight: 4 },
    { arbitrary: malformedBody.map((text) => ({ type: "application/json", text })), weight: 2 },
    { arbitrary: fc.tuple(wrongMediaType, fc.constantFrom("a=1", "{}", "<x/>")).map(([type, text]) => ({ type, text })), weight: 1 },
  );
  return fc.tuple(path, query, takesBody ? body : fc.constant(undefined)).map(([url, q, sent]) => ({
    method: op.method,
    url: `/api/v1${url}${q ? `?${q}` : ""}`,
    headers: { authorization: `Bearer ${key}`, ...(sent ? { "content-type": sent.type } : {}) },
    body: sent?.text,
  }));
}

let app: FastifyInstance;
let ids: fc.Arbitrary<string>;
let keys: { admin: string; shopper: string };

beforeAll(async () => {
  const { shopper, address, product, order } = await createPendingOrder();
  const payment = await shopper.caller.payment.create({ orderId: order.id, method: "card" });
  const admin = await createAdmin();
  keys = {
    admin: (await createApiKey({ db: getDb(), userId: admin.user.id, role: "admin", requestId: "fuzz", name: "fuzz", scope: "admin_write" })).secret,
    shopper: (await createApiKey({ db: getDb(), userId: shopper.user.id, role: "shopper", requestId: "fuzz", name: "fuzz", scope: "shopper" })).secret,
  };
  const [carrier] = await getDb().select({ id: carriers.id }).from(carriers).limit(1);
  ids = fc.constantFrom(order.id, address.id, product.id, payment.payment.id, carrier!.id, "payment-idempotency-cleanup");
  // Hundreds of calls in seconds from two keys: the rate limit has its own tests.
  app = await buildGateway({ schedulerMode: "off", loadShedding: false, rateLimit: false });
});

afterAll(async () => app?.close());

const PROBLEM_FIELDS = ["type", "title", "status", "detail", "code", "requestId"];

/** What is wrong with an answer, or null: a 5xx, a 4xx that is not a problem, a stack trace. */
function problemWith(status: number, contentType: string | undefined, text: string): string | null {
  if (status >= 500) return `HTTP ${status}`;
  if (/"stack"\s*:|\.ts:\d+/.test(text)) return "a stack trace in the answer";
  if (status < 400) return null;
  if (!contentType?.includes("application/problem+json")) return `a ${status} as ${contentType}`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return `a ${status} whose body is not JSON`;
  }
  const missing = PROBLEM_FIELDS.filter((field) => !(field in body));
  if (missing.length) return `a ${status} problem without ${missing.join(", ")}`;
  if (body.status !== status) return `a ${status} problem that says status ${String(body.status)}`;
  return null;
}

const excerpt = (text: string | undefined) => (text === undefined ? "" : text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text);

describe("every /api/v1 operation under hostile input", () => {
  it("finds the operations in the document", () => {
    expect(operations.length).toBeGreaterThan(90);
  });

  it.each(operations)("$label answers no 5xx, and every 4xx is a problem", async (op) => {
    const key = op.template.startsWith("/admin") ? keys.admin : keys.shopper;
    const details = await fc.check(
      fc.asyncProperty(requestsFor(op, ids, key), async (request) => {
        const answer = await app.inject({ method: request.method as "GET", url: request.url, headers: request.headers, payload: request.body });
        const problem = problemWith(answer.statusCode, answer.headers["content-type"] as string | undefined, answer.body);
        if (problem) throw new Error(`${problem} from ${request.method} ${excerpt(request.url)} [${request.headers["content-type"] ?? ""}] ${excerpt(request.body)}\n→ ${excerpt(answer.body)}`);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    const failure = details.failed ? `FUZZ_SEED=${SEED}: ${String((details.errorInstance as Error | null)?.message ?? details.errorInstance)}` : null;
    expect(failure).toBeNull();
  });
});
