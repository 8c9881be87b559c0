/**
 * Recognises "the database cannot be reached right now" among whatever a query threw, by the
 * error's `code` only — never by class: drizzle wraps postgres.js errors (DrizzleQueryError,
 * with the original as `cause`), tRPC wraps them again, and a process may hold two copies of
 * a module (Next's bundle and the front server), so `instanceof` is not reliable.
 */

/** Socket-level failures (Node) and postgres.js's own connection errors. */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);

/**
 * SQLSTATEs of a server that is going away or not taking connections: class 08 (connection
 * exception), 57P01–57P03 (admin shutdown, crash shutdown, cannot connect now) and 53300
 * (too many connections).
 */
const SERVER_UNAVAILABLE_STATES = /^(08[0-9A-Z]{3}|57P0[1-3]|53300)$/;

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** True when `error`, or anything in its cause chain, says PostgreSQL is unreachable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const code = codeOf(current);
    if (code && (CONNECTION_CODES.has(code) || SERVER_UNAVAILABLE_STATES.test(code))) return true;
    // Node reports a refused connection to every address of a host as one AggregateError.
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((inner) => CONNECTION_CODES.has(codeOf(inner) ?? ""))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
