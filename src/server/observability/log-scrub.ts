/**
 * What makes a log line safe to write, applied by the logger to everything it is given — so a
 * log call anywhere cannot leak a secret by logging the wrong object:
 *
 * - Errors keep their type, a message without data, a code and their stack frames. Query
 *   parameters never survive: drizzle puts them in its message ("Failed query: …\nparams: …"),
 *   postgres.js keeps `query`/`parameters` on the error, PostgreSQL quotes the offending value in
 *   data-error messages and in `detail`. Only the fields listed below are copied.
 * - Values under secret-sounding keys are replaced, at any depth (pino's `redact` paths only
 *   reach fixed depths).
 */
export const REDACTED = "[redacted]";

/** Keys (compared without case, `-` or `_`) whose values never reach a log. */
const SECRET_KEYS = new Set([
  "password",
  "passwd",
  "pwd",
  "hash",
  "secret",
  "token",
  "apikey",
  "authorization",
  "cookie",
  "setcookie",
  "card",
  "cardnumber",
  "pan",
  "cvc",
  "cvv",
  "cvn",
  "credentials",
  "privatekey",
  "parameters",
  "params",
]);
const SECRET_SUFFIXES = ["password", "passwordhash", "secret", "token", "apikey", "cookie"];

export function isSecretKey(key: string): boolean {
  const normal = key.toLowerCase().replace(/[-_]/g, "");
  return SECRET_KEYS.has(normal) || SECRET_SUFFIXES.some((suffix) => normal.endsWith(suffix));
}

/** Error fields worth logging and free of data: codes and the names of what failed. */
const ERROR_FIELDS = ["code", "errno", "syscall", "severity", "routine", "constraint_name", "table_name", "column_name", "schema_name", "data_type"] as const;

const DRIZZLE_QUERY_FAILED = /^(Failed query: [\s\S]*?)\nparams: [\s\S]*$/;
const SQLSTATE = /^[0-9A-Z]{5}$/;
const MAX_DEPTH = 6;

/**
 * Errors from another realm are not `instanceof Error`: go by shape, but never take a plain
 * object (an error this module already serialised) for one.
 */
export function isErrorLike(value: unknown): value is Error {
  if (value instanceof Error) return true;
  if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) === Object.prototype) return false;
  return typeof (value as Error).message === "string" && typeof (value as Error).stack === "string";
}

/** An error's message without the data it may carry. */
export function safeMessage(error: Error): string {
  const message = String(error.message ?? "");
  const drizzle = DRIZZLE_QUERY_FAILED.exec(message);
  if (drizzle) return drizzle[1]!;
  const code = (error as { code?: unknown }).code;
  // PostgreSQL data errors (class 22: bad value, out of range…) quote the value they refused.
  if (typeof code === "string" && SQLSTATE.test(code) && code.startsWith("22")) return message.replace(/"(?:[^"\\]|\\.)*"/g, `"${REDACTED}"`);
  return message;
}

/** The stack's frames under the safe message (the first line of a stack repeats the message). */
function safeStack(error: Error, type: string, message: string): string | undefined {
  if (typeof error.stack !== "string") return undefined;
  const frames = error.stack.indexOf("\n    at ");
  return `${type}: ${message}${frames < 0 ? "" : error.stack.slice(frames)}`;
}

export function serializeError(error: Error, depth = 0): Record<string, unknown> {
  const type = error.constructor?.name && error.constructor.name !== "Object" ? error.constructor.name : error.name;
  const message = safeMessage(error);
  const out: Record<string, unknown> = { type, message, stack: safeStack(error, type, message) };
  for (const field of ERROR_FIELDS) {
    const value = (error as unknown as Record<string, unknown>)[field];
    if (typeof value === "string" || typeof value === "number") out[field] = value;
  }
  if (depth < MAX_DEPTH) {
    if (error.cause !== undefined) out.cause = scrub(error.cause, depth + 1);
    if (error instanceof AggregateError) out.errors = error.errors.slice(0, 5).map((inner) => scrub(inner, depth + 1));
  }
  return out;
}

/** A copy of `value` that is safe to log (see the module comment). */
export function scrub(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object") return value;
  if (isErrorLike(value)) return serializeError(value, depth);
  if (depth >= MAX_DEPTH) return "[too deep]";
  if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = isSecretKey(key) ? REDACTED : scrub(inner, depth + 1);
  return out;
}
