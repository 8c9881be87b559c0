import { isIP } from "node:net";

/**
 * Who is calling, for per-client rate limits and logs.
 *
 * The address is the TCP peer's unless the app runs behind proxies it was told about:
 * with `TRUST_PROXY=n`, the last n addresses of the chain (the peer, then X-Forwarded-For read
 * from the right) are our own proxies, and the client is the address just before them. A
 * client can write anything into X-Forwarded-For, but only on the left of what our proxies
 * append, so counting hops from the right is what makes the header safe to read. Without
 * TRUST_PROXY the header is ignored. This is proxy-addr's (Express, Fastify) hop-count rule;
 * Fastify's `trustProxy: n` gives the same answer.
 *
 * Next's pages and route handlers never see the socket: the front server stamps the address
 * into CLIENT_ADDRESS_HEADER, replacing whatever the request brought, and they read it there.
 */
export const CLIENT_ADDRESS_HEADER = "x-shopflow-client-ip";

/** What callers are keyed by when no address is known (e.g. `next dev`, which has no front server). */
export const UNKNOWN_CLIENT = "unknown";

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) reads as `127.0.0.1`. */
function normalise(address: string): string {
  const trimmed = address.trim();
  return trimmed.toLowerCase().startsWith("::ffff:") && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

/**
 * The client's address from the socket peer and, behind `trustedHops` proxies, X-Forwarded-For.
 * Not an IP address where one was expected (a misconfigured proxy): the nearest trusted hop.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedHops = 0): string {
  const peer = socketAddress ? normalise(socketAddress) : UNKNOWN_CLIENT;
  if (trustedHops <= 0 || !forwardedFor) return peer;
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor).split(",").map(normalise).filter(Boolean);
  // Nearest first: the peer, then the header from its right end.
  const chain = [peer, ...forwarded.reverse()];
  let address = peer;
  for (let hop = 1; hop <= trustedHops && hop < chain.length; hop++) {
    const next = chain[hop]!;
    if (!isIP(next)) break;
    address = next;
  }
  return address;
}

type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

/** The address the front server stamped on this request (pages, route handlers, the proxy). */
export function clientAddressFromHeaders(headers: HeaderSource): string {
  const value = typeof headers.get === "function" ? (headers as { get(name: string): string | null }).get(CLIENT_ADDRESS_HEADER) : (headers as Record<string, string | string[] | undefined>)[CLIENT_ADDRESS_HEADER];
  const address = Array.isArray(value) ? value[0] : value;
  return address || UNKNOWN_CLIENT;
}

/**
 * Stamps the client's address on a request before anything else reads it, replacing any
 * value the caller sent (the only writer of CLIENT_ADDRESS_HEADER is this function).
 */
export function stampClientAddress(
  req: { headers: Record<string, string | string[] | undefined>; socket: { remoteAddress?: string } },
  trustedHops: number,
): void {
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedHops);
}
