import { describe, expect, it } from "vitest";
import { classifyAddress, type BlockedRange } from "./outbound-address";

const rangeOf = (address: string): BlockedRange | "public" => {
  const verdict = classifyAddress(address);
  return verdict.blocked ? verdict.range : "public";
};

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["::1", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["::", "unspecified"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.10", "private"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["fec0::1", "private"],
    ["169.254.1.1", "link-local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["100.64.0.1", "carrier-grade-nat"],
    ["100.127.255.254", "carrier-grade-nat"],
    ["169.254.169.254", "metadata"],
    ["169.254.170.2", "metadata"],
    ["100.100.100.200", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["192.0.2.1", "reserved"],
    ["198.18.0.1", "reserved"],
    ["240.0.0.1", "reserved"],
    ["2001:db8::1", "reserved"],
    ["100::1", "reserved"],
    ["not-an-ip", "invalid"],
  ] as const)("%s is %s", (address, range) => {
    expect(rangeOf(address)).toBe(range);
  });

  it.each([
    // IPv4-mapped and the deprecated IPv4-compatible forms carry the IPv4 address's verdict.
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["0:0:0:0:0:ffff:a9fe:a9fe", "metadata"],
    ["::ffff:10.1.2.3", "private"],
    // SIIT (RFC 6145), NAT64 (RFC 6052) and 6to4 embed an IPv4 address too.
    ["::ffff:0:7f00:1", "loopback"],
    ["64:ff9b::127.0.0.1", "loopback"],
    ["64:ff9b::a00:1", "private"],
    ["64:ff9b::169.254.169.254", "metadata"],
    ["2002:c0a8:0101::1", "private"],
    ["2002:7f00:1::", "loopback"],
    // Outside global unicast (2000::/3), or tunnels that hide their endpoint: never routed for us.
    ["::7f00:1", "reserved"],
    ["64:ff9b:1::a00:1", "reserved"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "reserved"],
  ] as const)("IPv6 form %s is %s", (address, range) => {
    expect(rangeOf(address)).toBe(range);
  });

  it.each(["8.8.8.8", "1.1.1.1", "93.184.215.14", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "64:ff9b::808:808", "::ffff:8.8.8.8", "2002:808:808::1"])(
    "%s is a public address",
    (address) => {
      expect(classifyAddress(address)).toEqual({ blocked: false, address });
    },
  );
});
