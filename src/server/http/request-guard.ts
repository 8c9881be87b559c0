/**
 * The request rules every entry point applies, as pure functions over a header getter so both
 * the Next proxy (Web `Headers`) and the gateway (Node's raw headers, via nodeHeaderGetter) use
 * the same code.
 */
export type HeaderGetter = (name: string) => string | null | undefined;

/** A header getter over Node's (or Fastify's) raw headers; a repeated header reads as its first value. */
export function nodeHeaderGetter(headers: Record<string, string | string[] | undefined>): HeaderGetter {
  return (name) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
}

export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's x-request-id when it is sane, else a fresh one. */
export function requestIdOf(get: HeaderGetter): string {
  const given = get("x-request-id");
  return given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

/**
 * True when a browser sent this request from another site. tRPC accepts form posts, so a
 * cross-site <form> could otherwise ride on the shopper's cookie. Requests without an Origin
 * (non-browser clients) carry no ambient cookies to abuse.
 */
export function isCrossOrigin(get: HeaderGetter): boolean {
  if (get("sec-fetch-site") === "cross-site") return true;
  const origin = get("origin");
  if (!origin) return false;
  const host = get("x-forwarded-host") ?? get("host");
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

export const CROSS_ORIGIN_REFUSAL = { error: { code: "FORBIDDEN", message: "Cross-origin request refused" } } as const;
