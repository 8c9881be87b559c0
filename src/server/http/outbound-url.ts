import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import { classifyAddress, type BlockedRange } from "./outbound-address";
import { allowsAddress, allowsHost, type AllowList } from "./outbound-allow-list";

/**
 * Decides whether a URL given by a user (a merchant's webhook endpoint) may be requested by
 * the server, and to which IP address. The host is judged after the WHATWG URL parser has
 * normalised it (`http://2130706433/`, `http://0x7f.1/` and `http://127.1/` all become
 * 127.0.0.1), and a name is judged by every address it resolves to: one internal answer is
 * enough to refuse. The caller then connects to the address checked here (see
 * outbound-request.ts), so a DNS answer that changes after the check cannot redirect it.
 */
export type ResolvedAddress = { address: string; family: 4 | 6 };

/** Answers a host name with all of its addresses; injectable so tests can play a rebinding DNS server. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The system resolver (getaddrinfo: /etc/hosts, then DNS), every address in the order given. */
export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export type OutboundRefusal =
  | { reason: "invalid-url" }
  | { reason: "scheme"; scheme: string }
  | { reason: "credentials" }
  | { reason: "blocked"; host: string; address: string; range: BlockedRange }
  | { reason: "unresolvable"; host: string; detail: string };

export type OutboundTarget = { url: URL; host: string; port: number; address: string; family: 4 | 6 };

export type OutboundCheck = { ok: true; target: OutboundTarget } | { ok: false; refusal: OutboundRefusal };

const RANGE_WORDS: Record<BlockedRange, string> = {
  loopback: "a loopback address",
  unspecified: "an unspecified address",
  private: "a private-network address",
  "link-local": "a link-local address",
  "carrier-grade-nat": "a carrier-grade NAT address",
  metadata: "a cloud metadata address",
  multicast: "a multicast address",
  broadcast: "a broadcast address",
  reserved: "a reserved address",
  invalid: "not a valid address",
};

/** The refusal in words, for attempt logs and API field messages. Never contains the URL's credentials or query. */
export function describeRefusal(refusal: OutboundRefusal): string {
  switch (refusal.reason) {
    case "invalid-url":
      return "not a valid URL";
    case "scheme":
      return `only http and https URLs are allowed, not ${refusal.scheme}`;
    case "credentials":
      return "the URL must not contain a user name or password";
    case "blocked":
      return refusal.host === refusal.address
        ? `${refusal.address} is ${RANGE_WORDS[refusal.range]}`
        : `${refusal.host} resolves to ${refusal.address}, ${RANGE_WORDS[refusal.range]}`;
    case "unresolvable":
      return `${refusal.host} could not be resolved (${refusal.detail})`;
  }
}

function refuse(refusal: OutboundRefusal): OutboundCheck {
  return { ok: false, refusal };
}

/** Resolves, giving up when the signal aborts (getaddrinfo itself cannot be cancelled). */
async function resolveWithin(resolve: Resolver, host: string, signal?: AbortSignal): Promise<ResolvedAddress[]> {
  if (!signal) return resolve(host);
  signal.throwIfAborted();
  return new Promise((fulfil, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    resolve(host).then(fulfil, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

export type OutboundCheckOptions = { allowList: AllowList; resolve?: Resolver; signal?: AbortSignal };

/** Checks scheme, credentials and every address of the host against outbound-address.ts and the allow-list. */
export async function checkOutboundUrl(raw: string, { allowList, resolve = systemResolver, signal }: OutboundCheckOptions): Promise<OutboundCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse({ reason: "invalid-url" });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return refuse({ reason: "scheme", scheme: url.protocol.replace(/:$/, "") });
  if (url.username || url.password) return refuse({ reason: "credentials" });

  // The parser has already decoded, lower-cased and turned numeric IPv4 forms into dotted quads.
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  const hostAllowed = allowsHost(allowList, host, port);

  let addresses: ResolvedAddress[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: host.includes(":") ? 6 : 4 }];
  } else if (!hostAllowed && (host === "localhost" || host.endsWith(".localhost"))) {
    // RFC 6761: these names are loopback whatever a resolver says.
    return refuse({ reason: "blocked", host, address: host, range: "loopback" });
  } else {
    try {
      addresses = await resolveWithin(resolve, host, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      return refuse({ reason: "unresolvable", host, detail: (error as NodeJS.ErrnoException)?.code ?? "lookup failed" });
    }
    if (addresses.length === 0) return refuse({ reason: "unresolvable", host, detail: "no addresses" });
  }

  if (!hostAllowed) {
    for (const { address } of addresses) {
      const verdict = classifyAddress(address);
      if (verdict.blocked && !allowsAddress(allowList, address, port)) return refuse({ reason: "blocked", host, address, range: verdict.range });
    }
  }
  const [first] = addresses;
  return { ok: true, target: { url, host, port, address: first!.address, family: first!.family } };
}
