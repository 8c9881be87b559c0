import fc from "fast-check";

/**
 * fast-check arbitraries for hostile procedure inputs, derived from a procedure's zod input
 * schema through its JSON Schema (zod's public `z.toJSONSchema`, input side). Each leaf is
 * usually valid and sometimes hostile, so one bad field at a time gets past the others' checks
 * and reaches the service and PostgreSQL — which is where a 500 hides.
 */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
};

/**
 * Marks where a 20,000-deep value and a huge text go, replaced in the request's JSON text: no
 * walker could build the first, and the second depends on where it is sent (see requests.ts).
 */
export const DEEP_MARK = "\u0001deep\u0001";
export const HUGE_MARK = "\u0001huge\u0001";

/** Values no text column, integer column or parser should be handed unchecked. */
const nastyString = fc.oneof(
  fc.constantFrom("\u0000", "a\u0000b", "\uD800", "x\uDFFF", "\uDBFF\uDBFF", " ", "\t\n ", "", "%", "%00", "\\", "'; select pg_sleep(1); --", "\u202E", "🙂".repeat(3)),
  fc.constantFrom(HUGE_MARK, DEEP_MARK),
  fc.string({ unit: "binary", maxLength: 30 }),
);
const nastyNumber = fc.constantFrom(
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  1e21,
  0.5,
  -0,
  -1,
  0,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  8.64e15,
  -8.64e15,
);
/** Types superjson can carry that JSON cannot: the transformer turns them into real values. */
const exotic = fc.constantFrom<unknown>(
  undefined,
  2n ** 70n,
  -1n,
  new Date(Number.NaN),
  new Date(8.64e15),
  new Date(-8.64e15),
  new Map([["a", 1]]),
  new Set([1]),
  /x/g,
);
const wrongType = fc.constantFrom<unknown>(null, true, false, [], {}, "1", 1, [1, 2], { a: 1 });

/** Any hostile value, whatever the leaf's type. */
export const nasty: fc.Arbitrary<unknown> = fc.oneof(nastyString, nastyNumber, exotic, wrongType, fc.jsonValue({ maxDepth: 3 }));

const cap = (n: number | undefined, limit: number) => (n === undefined ? limit : Math.min(n, limit));

const typeOf = (schema: JsonSchema) => (Array.isArray(schema.type) ? schema.type[0] : schema.type);

/** Builds each schema node's arbitrary once: building them (regexes above all) costs more than drawing from them. */
function memo(build: (schema: JsonSchema, ids: fc.Arbitrary<string>) => fc.Arbitrary<unknown>) {
  const built = new WeakMap<JsonSchema, WeakMap<fc.Arbitrary<string>, fc.Arbitrary<unknown>>>();
  return (schema: JsonSchema, ids: fc.Arbitrary<string>) => {
    let byIds = built.get(schema);
    if (!byIds) built.set(schema, (byIds = new WeakMap()));
    let arbitrary = byIds.get(ids);
    if (!arbitrary) byIds.set(ids, (arbitrary = build(schema, ids)));
    return arbitrary;
  };
}

/** A value valid for `schema` (within reason: regexes and formats as fast-check can produce them). */
export const validFor = memo((schema, ids) => {
  const valid = (s: JsonSchema) => validFor(s, ids);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map(valid));
  if (schema.allOf?.length) return valid(schema.allOf[0]!);
  switch (typeOf(schema)) {
    case "object": {
      if (schema.properties) {
        const shape = Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, valid(value)]));
        return fc.record(shape, { requiredKeys: schema.required ?? [] });
      }
      const values = typeof schema.additionalProperties === "object" ? valid(schema.additionalProperties) : fc.jsonValue({ maxDepth: 2 });
      return fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("ttlMinutes", "methods", "simulator")), values, { maxKeys: 3 });
    }
    case "array":
      return fc.array(schema.items ? valid(schema.items) : fc.jsonValue(), { minLength: schema.minItems ?? 0, maxLength: Math.max(schema.minItems ?? 0, cap(schema.maxItems, 4)) });
    case "string":
      if (schema.format === "uuid") return fc.oneof(ids, fc.uuid());
      if (schema.format === "email") return fc.emailAddress();
      if (schema.format === "uri") return fc.webUrl();
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: cap(schema.maxLength, 30) }).filter((s) => s.trim().length >= (schema.minLength ?? 0));
    case "integer":
      return fc.integer({
        min: Math.max(schema.minimum ?? (schema.exclusiveMinimum ?? -1e9 - 1) + 1, Number.MIN_SAFE_INTEGER),
        max: Math.min(schema.maximum ?? 1e9, Number.MAX_SAFE_INTEGER),
      });
    case "number":
      return fc.double({ min: schema.minimum ?? -1e9, max: schema.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    default:
      // Unrepresentable in JSON Schema (z.coerce.date and the like): dates, as text and numbers.
      return fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.integer());
  }
});

const poison = fc.constantFrom("\u0000", "\uD800", "\uDFFF", "\u0000\u0000");

/** A valid text with a NUL byte or an unpaired surrogate slipped in somewhere. */
function poisoned(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, poison, fc.nat()).map(([value, bad, at]) => {
    if (typeof value !== "string") return bad;
    const i = at % (value.length + 1);
    return value.slice(0, i) + bad + value.slice(i);
  });
}

/**
 * A value for `schema` that is valid everywhere but in ONE place, where it is hostile — so
 * the fault gets past every other check and reaches the code behind the schema.
 */
export const hostileFor: (schema: JsonSchema, ids: fc.Arbitrary<string>) => fc.Arbitrary<unknown> = memo((schema, ids) => {
  const type = typeOf(schema);
  if (type === "object" && schema.properties) {
    const properties = schema.properties;
    const keys = Object.keys(properties);
    if (keys.length === 0) return nasty;
    const withOneHostile = keys.map((target) => {
      const shape = Object.fromEntries(keys.map((key) => [key, key === target ? hostileFor(properties[key]!, ids) : validFor(properties[key]!, ids)]));
      return fc.record(shape, { requiredKeys: [...new Set([...(schema.required ?? []), target])] });
    });
    return fc.oneof(...withOneHostile);
  }
  if (type === "array" && schema.items) {
    return fc.oneof(
      fc.tuple(validFor(schema, ids), hostileFor(schema.items, ids)).map(([items, bad]) => [...(items as unknown[]).slice(1), bad]),
      fc.array(validFor(schema.items, ids), { minLength: (schema.maxItems ?? 50) + 1, maxLength: (schema.maxItems ?? 50) + 1 }),
      nasty,
    );
  }
  if (type === "string" || schema.enum) return fc.oneof({ arbitrary: poisoned(validFor(schema, ids)), weight: 3 }, { arbitrary: nastyString, weight: 1 }, { arbitrary: nasty, weight: 1 });
  if (type === "integer" || type === "number") return fc.oneof({ arbitrary: nastyNumber, weight: 3 }, { arbitrary: nasty, weight: 1 });
  return nasty;
});

/** A whole input for a procedure: valid, hostile in one place, or anything at all. */
export function inputFor(schema: JsonSchema | undefined, ids: fc.Arbitrary<string>): fc.Arbitrary<unknown> {
  if (!schema) return fc.oneof(fc.constant(undefined), nasty);
  return fc.oneof({ arbitrary: validFor(schema, ids), weight: 2 }, { arbitrary: hostileFor(schema, ids), weight: 6 }, { arbitrary: nasty, weight: 1 });
}
