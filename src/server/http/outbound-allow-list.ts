import ipaddr from "ipaddr.js";

/**
 * An operator's explicit exceptions to the outbound address rules (outbound-address.ts), for
 * local demos: a webhook receiver on this machine or on the office network. Written as a comma
 * list; each entry is one of
 *   - a host name, optionally with a port: `localhost:4000`, `hooks.internal`
 *   - an IP address, optionally with a port: `127.0.0.1:4000`, `[::1]:4000`, `10.0.0.7`
 *   - a CIDR range (any port): `10.20.0.0/16`, `fd00::/8`
 * A host-name entry trusts whatever that name resolves to; an IP or CIDR entry trusts those
 * addresses whatever name led to them.
 */
export type AllowEntry =
  | { kind: "host"; host: string; port: number | null; text: string }
  | { kind: "range"; range: [ipaddr.IPv4 | ipaddr.IPv6, number]; port: number | null; text: string };

export type AllowList = readonly AllowEntry[];

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

function parsePort(text: string): number | null | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

/** A single address as a range of one (/32 or /128), in the form matching compares. */
function single(address: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  const parsed = ipaddr.process(address);
  return [parsed, parsed.kind() === "ipv4" ? 32 : 128];
}

function parseEntry(text: string): AllowEntry | string {
  if (text.includes("/")) {
    if (!ipaddr.isValidCIDR(text)) return `"${text}" is not a CIDR range`;
    const [address, bits] = ipaddr.parseCIDR(text);
    const range: [ipaddr.IPv4 | ipaddr.IPv6, number] =
      address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96 ? [(address as ipaddr.IPv6).toIPv4Address(), bits - 96] : [address, bits];
    return { kind: "range", range, port: null, text };
  }
  if (ipaddr.isValid(text)) return { kind: "range", range: single(text), port: null, text };
  const bracketed = /^\[(.+)\]:(\d+)$/.exec(text);
  const [host, portText] = bracketed ? [bracketed[1]!, bracketed[2]!] : text.includes(":") ? [text.slice(0, text.lastIndexOf(":")), text.slice(text.lastIndexOf(":") + 1)] : [text, null];
  const port = portText === null ? null : parsePort(portText);
  if (port === undefined) return `"${text}" has an invalid port`;
  if (ipaddr.isValid(host)) return { kind: "range", range: single(host), port, text };
  const name = host.toLowerCase().replace(/\.$/, "");
  if (bracketed || !HOST_NAME.test(name)) return `"${text}" is not a host, host:port, IP address or CIDR range`;
  return { kind: "host", host: name, port, text };
}

/** Parses the comma list; an empty or missing value is an empty list. Errors name each bad entry. */
export function parseAllowList(raw: string | undefined): { ok: true; list: AllowList } | { ok: false; errors: string[] } {
  const entries: AllowEntry[] = [];
  const errors: string[] = [];
  for (const text of (raw ?? "").split(",").map((s) => s.trim()).filter(Boolean)) {
    const entry = parseEntry(text);
    if (typeof entry === "string") errors.push(entry);
    else entries.push(entry);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, list: entries };
}

/** True when a host-name entry names this URL host (and port, when the entry has one). */
export function allowsHost(list: AllowList, host: string, port: number): boolean {
  return list.some((e) => e.kind === "host" && e.host === host && (e.port === null || e.port === port));
}

/** True when an IP or CIDR entry covers this address (and port, when the entry has one). */
export function allowsAddress(list: AllowList, address: string, port: number): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address);
  } catch {
    return false;
  }
  // match() throws across families, hence the kind check first.
  return list.some((e) => e.kind === "range" && e.range[0].kind() === parsed.kind() && (e.port === null || e.port === port) && parsed.match(e.range));
}
