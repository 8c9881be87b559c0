import ipaddr from "ipaddr.js";

/**
 * Which IP addresses the server may send requests to on someone else's behalf (webhooks).
 * Ranges come from ipaddr.js, which keeps the IANA special-purpose registries up to date;
 * this file only decides which of its range names are off limits. Anything it does not know
 * is refused (fail closed): a new special range must be looked at before traffic goes there.
 */
export type BlockedRange =
  | "loopback"
  | "unspecified"
  | "private"
  | "link-local"
  | "carrier-grade-nat"
  | "metadata"
  | "multicast"
  | "broadcast"
  | "reserved"
  | "invalid";

export type AddressClass = { blocked: false; address: string } | { blocked: true; address: string; range: BlockedRange };

/** Cloud instance-metadata services (AWS, GCP, Azure, ECS tasks, Alibaba): named for a clearer refusal. */
const METADATA = new Set(["169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254"]);

const V4_RANGES: Record<string, BlockedRange | null> = {
  unicast: null,
  unspecified: "unspecified",
  broadcast: "broadcast",
  multicast: "multicast",
  linkLocal: "link-local",
  loopback: "loopback",
  carrierGradeNat: "carrier-grade-nat",
  private: "private",
};

const V6_RANGES: Record<string, BlockedRange | null> = {
  unicast: null,
  unspecified: "unspecified",
  linkLocal: "link-local",
  multicast: "multicast",
  loopback: "loopback",
  uniqueLocal: "private",
  deprecatedSiteLocal: "private",
};

/** Global unicast (2000::/3): the only IPv6 space routed on the internet. */
const V6_GLOBAL = ipaddr.parseCIDR("2000::/3");
/** NAT64 well-known prefix: the last 32 bits are an IPv4 address (RFC 6052). */
const NAT64 = ipaddr.parseCIDR("64:ff9b::/96");

function blocked(address: string, range: BlockedRange): AddressClass {
  return { blocked: true, address, range };
}

function classifyV4(v4: ipaddr.IPv4, address: string): AddressClass {
  const text = v4.toString();
  if (METADATA.has(text)) return blocked(address, "metadata");
  const range = V4_RANGES[v4.range()];
  if (range === null) return { blocked: false, address };
  return blocked(address, range ?? "reserved");
}

/** The IPv4 address in bytes `from..from+3` of an IPv6 address (NAT64, 6to4, SIIT forms). */
function embeddedV4(v6: ipaddr.IPv6, from: number): ipaddr.IPv4 {
  const bytes = v6.toByteArray();
  return new ipaddr.IPv4(bytes.slice(from, from + 4));
}

/**
 * Classifies one IP address (v4 or v6, any form ipaddr.js parses). IPv4-mapped IPv6
 * (`::ffff:127.0.0.1`), NAT64 (`64:ff9b::10.0.0.1`), 6to4 and SIIT addresses are judged by the
 * IPv4 address they carry, so a private address cannot hide inside an IPv6 one.
 */
export function classifyAddress(address: string): AddressClass {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // process() turns IPv4-mapped IPv6 into the IPv4 address itself.
    parsed = ipaddr.process(address);
  } catch {
    return blocked(address, "invalid");
  }
  if (parsed.kind() === "ipv4") return classifyV4(parsed as ipaddr.IPv4, address);

  const v6 = parsed as ipaddr.IPv6;
  if (v6.zoneId) return blocked(address, "link-local"); // scoped addresses only exist on a local link
  if (METADATA.has(v6.toString())) return blocked(address, "metadata");
  if (v6.match(NAT64)) return classifyV4(embeddedV4(v6, 12), address);
  const range = v6.range();
  if (range === "rfc6145") return classifyV4(embeddedV4(v6, 12), address);
  if (range === "6to4") return classifyV4(embeddedV4(v6, 2), address);
  const mapped = V6_RANGES[range];
  if (mapped === null) return v6.match(V6_GLOBAL) ? { blocked: false, address } : blocked(address, "reserved");
  return blocked(address, mapped ?? "reserved");
}
