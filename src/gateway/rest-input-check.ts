/**
 * What zod does not say on its own: a REST input may only carry the fields the operation's
 * document declares. The procedures' schemas strip unknown keys (the tRPC forms rely on that),
 * so a misspelt `pageSze` or `ammountMinor` would be silently ignored; here, in one place for
 * every /api/v1 operation, it is a 400 that names the field instead.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};

export type OperationShape = {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};

type Components = { schemas?: Record<string, unknown> } | undefined;

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

function resolve(schema: Schema | undefined, components: Components): Schema | undefined {
  let current = schema;
  for (let hops = 0; current?.$ref && hops < 10; hops++) {
    const name = current.$ref.replace("#/components/schemas/", "");
    current = components?.schemas?.[name] as Schema | undefined;
  }
  return current;
}

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/** Dotted paths of the keys in `value` that `schema` does not declare (nested objects and arrays too). */
export function unknownKeys(value: unknown, rawSchema: Schema | undefined, components: Components, path = ""): string[] {
  const schema = resolve(rawSchema, components);
  if (!schema || value === null || typeof value !== "object") return [];
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants?.length) {
    // A union: the value is judged against the variant it fits best.
    return variants.map((variant) => unknownKeys(value, variant, components, path)).reduce((best, next) => (next.length < best.length ? next : best));
  }
  if (schema.allOf?.length) {
    const merged: Schema = { type: "object", properties: Object.assign({}, ...schema.allOf.map((part) => resolve(part, components)?.properties ?? {})) };
    return unknownKeys(value, merged, components, path);
  }
  if (Array.isArray(value)) return schema.items ? value.flatMap((item, index) => unknownKeys(item, schema.items, components, join(path, index))) : [];
  const declaresObject = schema.type === "object" || schema.properties !== undefined;
  if (!declaresObject) return [];
  const properties = schema.properties ?? {};
  const extra = schema.additionalProperties;
  const found: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    if (Object.hasOwn(properties, key)) found.push(...unknownKeys(child, properties[key], components, join(path, key)));
    else if (isPlainObject(extra)) found.push(...unknownKeys(child, extra, components, join(path, key)));
    else if (extra !== true && !(extra === undefined && schema.properties === undefined)) found.push(join(path, key));
  }
  return found;
}

/**
 * Field errors for an /api/v1 request that carries what its operation does not declare: query
 * parameters it does not take, a body where it takes none or that is not a JSON object, and
 * unknown keys anywhere in the body. Empty when the request is acceptable (zod then checks types).
 */
export function undeclaredInput(operation: OperationShape, request: { query: Record<string, unknown>; body: unknown }, components: Components): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const queryNames = new Set((operation.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name));
  for (const name of Object.keys(request.query)) if (!queryNames.has(name)) errors[name] = ["Unknown query parameter"];

  const bodySchema = operation.requestBody?.content?.["application/json"]?.schema;
  const body = request.body;
  if (body === undefined || body === null || (isPlainObject(body) && Object.keys(body).length === 0 && !bodySchema)) return errors;
  if (!bodySchema) {
    if (isPlainObject(body)) for (const key of Object.keys(body)) errors[key] = ["Unknown field: this operation takes no body"];
    else errors.body = ["This operation takes no body"];
    return errors;
  }
  if (!isPlainObject(body) && resolve(bodySchema, components)?.type === "object") {
    errors.body = ["Send a JSON object"];
    return errors;
  }
  for (const field of unknownKeys(body, bodySchema, components)) errors[field] = ["Unknown field"];
  return errors;
}

/** No input of ours nests deeper than this; a deeper body is refused before anything walks it. */
export const MAX_BODY_DEPTH = 32;

/** Whether `value` nests arrays/objects deeper than `limit` (iterative: a 20,000-deep body must not overflow the stack here). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
  }
  return false;
}
