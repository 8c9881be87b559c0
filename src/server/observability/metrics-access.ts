import { createHash, timingSafeEqual } from "node:crypto";
import ipaddr from "ipaddr.js";

/** Address ranges that count as "inside": loopback and private networks (RFC 1918, IPv6 unique local). */
const INTERNAL_RANGES = new Set(["loopback", "private", "uniqueLocal"]);

function isInternalAddress(address: string | undefined): boolean {
  if (!address) return false;
  try {
    // process() reads IPv4-mapped IPv6 (::ffff:10.0.0.1) as the IPv4 address it carries.
    return INTERNAL_RANGES.has(ipaddr.process(address).range());
  } catch {
    return false;
  }
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Compares in constant time whatever the lengths (both sides are hashed to 32 bytes first). */
function tokenMatches(authorization: string | undefined, token: string): boolean {
  const presented = /^Bearer (.+)$/i.exec(authorization ?? "")?.[1]?.trim() ?? "";
  return timingSafeEqual(digest(presented), digest(token));
}

export type MetricsCaller = {
  /** The client address as the server resolved it (after trusted proxy hops, if any). */
  ip: string | undefined;
  authorization: string | undefined;
  /**
   * True when the request came through a proxy that the server does not resolve (it carries
   * X-Forwarded-For or Forwarded but no proxy hops are trusted): then `ip` is the proxy's, and
   * the real caller may be anyone.
   */
  viaUntrustedProxy: boolean;
};

/**
 * Who may read /metrics. With METRICS_TOKEN set, only a caller presenting it
 * (`Authorization: Bearer <token>`); without one, only callers on loopback or a private
 * network that did not come through an unresolved proxy. Everyone else gets a 404, so the
 * endpoint is not advertised.
 */
export function mayReadMetrics(caller: MetricsCaller, token = process.env.METRICS_TOKEN): boolean {
  if (token) return tokenMatches(caller.authorization, token);
  return !caller.viaUntrustedProxy && isInternalAddress(caller.ip);
}

/** Whether a request's headers say it was forwarded by a proxy. */
export function carriesForwardingHeaders(headers: Record<string, string | string[] | undefined>): boolean {
  return headers["x-forwarded-for"] !== undefined || headers.forwarded !== undefined;
}
