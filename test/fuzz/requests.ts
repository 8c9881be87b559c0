import fc from "fast-check";
import superjson from "superjson";
import { DEEP_MARK, HUGE_MARK, nasty } from "./arbitraries";

/**
 * HTTP requests to /api/trpc built from generated inputs: superjson envelopes as the browser
 * sends them, malformed envelopes, malformed JSON, odd content types and malformed batches.
 */
export type Call = { path: string; type: "query" | "mutation" };
export type FuzzRequest = { method: "GET" | "POST"; url: string; headers: Record<string, string>; body?: string };

const DEEP = "[".repeat(20_000) + "]".repeat(20_000);
/** 1 MB of text in a body; in a URL, 20 kB — already past what Node's HTTP server accepts in a request head. */
const HUGE = { body: "é".repeat(512 * 1024), url: "x".repeat(20_000) };
const HUGE_IN_JSON = JSON.stringify(HUGE_MARK).slice(1, -1);
const expand = (text: string, where: keyof typeof HUGE) => (text.includes(HUGE_IN_JSON) ? text.replaceAll(HUGE_IN_JSON, HUGE[where]) : text);

/** The JSON text of a superjson envelope for `value` (the transformer's wire format). */
export function envelope(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(superjson.serialize(value));
  } catch {
    // superjson refuses some keys (__proto__): send the plain JSON, or nothing it can carry.
    try {
      text = JSON.stringify({ json: value });
    } catch {
      text = '{"json":null}';
    }
  }
  return text.replaceAll(JSON.stringify(DEEP_MARK), DEEP);
}

/** Envelopes superjson and tRPC must refuse cleanly: broken JSON, meta that lies, prototype keys. */
export const malformedEnvelope: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    "{",
    "null",
    "[]",
    '"text"',
    "1e999",
    "\uFEFF{}",
    '{"json":',
    '{"json":{"a":1},"meta":5}',
    '{"json":{"a":1},"meta":{"values":"x"}}',
    '{"json":{"a":"not a number"},"meta":{"values":{"a":["bigint"]}}}',
    '{"json":{"a":"not a date"},"meta":{"values":{"a":["Date"]}}}',
    '{"json":{"a":1},"meta":{"values":{"a":["map"]}}}',
    '{"json":{"a":{"b":1}},"meta":{"values":{"a":["set"]}}}',
    '{"json":{"a":"x"},"meta":{"values":{"a":[["custom","Nope"]]}}}',
    '{"json":{"a":{}},"meta":{"values":{"a":[["class","Nope"]]}}}',
    '{"json":{"a":"x"},"meta":{"values":{"a":[["symbol","Nope"]]}}}',
    '{"json":{"a":"/(/"},"meta":{"values":{"a":["regexp"]}}}',
    '{"json":{"a":1},"meta":{"values":{"a.b.c.d":["undefined"]}}}',
    '{"json":{},"meta":{"values":{"__proto__.polluted":["undefined"]}}}',
    '{"json":{"a":{},"b":{}},"meta":{"referentialEqualities":{"a":["b.__proto__"]}}}',
    '{"json":{"a":{}},"meta":{"referentialEqualities":{"nope":["a"]}}}',
    '{"json":[1],"meta":{"values":[["map"],{"0":["set"]}]}}',
    '{"json":{"a":1},"meta":{"v":999}}',
    '{"json":"\\ud800\\u0000"}',
    `{"json":${DEEP}}`,
    `{"json":{"a":1},"meta":{"values":{"a":${DEEP}}}}`,
  ),
  nasty.map((meta) => {
    try {
      return JSON.stringify({ json: { a: 1 }, meta }) ?? "{}";
    } catch {
      return '{"json":{"a":1},"meta":{"values":{"a":[1n]}}}';
    }
  }),
  fc.string({ unit: "binary", maxLength: 40 }),
);

const CONTENT_TYPES = ["application/json", "text/plain", "multipart/form-data; boundary=x", "application/octet-stream", "application/x-www-form-urlencoded", ""];

const withQuery = (base: string, params: Record<string, string>) => `${base}?${new URLSearchParams(params).toString()}`;

/** One call with `body` as its input text, sent the way its type is sent (or deliberately not). */
export function single(call: Call, body: string, options: { wrongMethod?: boolean; contentType?: string } = {}): FuzzRequest {
  const isQuery = (call.type === "query") !== Boolean(options.wrongMethod);
  const url = `/api/trpc/${call.path}`;
  if (isQuery) return { method: "GET", url: body === "" ? url : withQuery(url, { input: expand(body, "url") }), headers: {} };
  const contentType = options.contentType ?? "application/json";
  return { method: "POST", url, headers: contentType ? { "content-type": contentType } : {}, body: expand(body, "body") };
}

/** A batch as the browser's batch link sends it, with the ways a batch can be malformed. */
export function batch(calls: Call[], bodies: string[], shape: "ok" | "array" | "gaps" | "proto" | "text" | "emptyPath"): FuzzRequest {
  const paths = shape === "emptyPath" ? `${calls.map((c) => c.path).join(",")},,` : calls.map((c) => c.path).join(",");
  const inputs: Record<typeof shape, string> = {
    ok: `{${bodies.map((b, i) => `"${i}":${b || "null"}`).join(",")}}`,
    emptyPath: `{${bodies.map((b, i) => `"${i}":${b || "null"}`).join(",")}}`,
    array: `[${bodies.map((b) => b || "null").join(",")}]`,
    gaps: `{${bodies.map((b, i) => `"${i * 7 + 3}":${b || "null"}`).join(",")}}`,
    proto: `{"__proto__":${bodies[0] || "null"},"constructor":{"json":1},"0":${bodies[0] || "null"}}`,
    text: bodies.join(""),
  };
  const url = `/api/trpc/${paths}`;
  if (calls.every((c) => c.type === "query")) return { method: "GET", url: withQuery(url, { batch: "1", input: expand(inputs[shape], "url") }), headers: {} };
  return { method: "POST", url: withQuery(url, { batch: "1" }), headers: { "content-type": "application/json" }, body: expand(inputs[shape], "body") };
}

/** Everything one fuzz case may send for `call`: near-valid inputs most of the time. */
export function requestsFor(call: Call, input: fc.Arbitrary<unknown>, others: Call[]): fc.Arbitrary<FuzzRequest> {
  const body = fc.oneof({ arbitrary: input.map(envelope), weight: 5 }, { arbitrary: malformedEnvelope, weight: 1 });
  return fc.oneof(
    { arbitrary: body.map((b) => single(call, b)), weight: 12 },
    {
      arbitrary: fc.record({ b: body, contentType: fc.constantFrom(...CONTENT_TYPES), wrongMethod: fc.boolean() }).map(({ b, contentType, wrongMethod }) => single(call, b, { contentType, wrongMethod })),
      weight: 2,
    },
    {
      arbitrary: fc
        .record({
          with: fc.array(fc.constantFrom(...others), { maxLength: 3 }),
          bodies: fc.array(body, { minLength: 1, maxLength: 4 }),
          shape: fc.constantFrom("ok", "ok", "array", "gaps", "proto", "text", "emptyPath"),
        })
        .map(({ with: more, bodies, shape }) => batch([call, ...more], bodies, shape)),
      weight: 3,
    },
  );
}
