import { describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientAddress, clientAddressFromHeaders, stampClientAddress } from "./client-address";

describe("client address", () => {
  it("is the socket peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("203.0.113.7", undefined)).toBe("203.0.113.7");
    expect(clientAddress("203.0.113.7", "198.51.100.1")).toBe("203.0.113.7");
    expect(clientAddress("203.0.113.7", "198.51.100.1, 10.0.0.2", 0)).toBe("203.0.113.7");
    expect(clientAddress("203.0.113.7", ["198.51.100.1", "10.0.0.2"])).toBe("203.0.113.7");
  });

  it("reads an IPv4 peer on a dual-stack socket as IPv4 and keeps IPv6 as it is", () => {
    expect(clientAddress("::ffff:127.0.0.1", undefined)).toBe("127.0.0.1");
    expect(clientAddress("::FFFF:203.0.113.9", undefined)).toBe("203.0.113.9");
    expect(clientAddress("2001:db8::1", undefined)).toBe("2001:db8::1");
    expect(clientAddress("::1", undefined)).toBe("::1");
  });

  it("behind one trusted proxy, takes the address that proxy appended, not what the client wrote", () => {
    // The client sent "X-Forwarded-For: 1.1.1.1"; our proxy (10.0.0.2) appended the real peer.
    expect(clientAddress("10.0.0.2", "1.1.1.1, 198.51.100.23", 1)).toBe("198.51.100.23");
    expect(clientAddress("10.0.0.2", "198.51.100.23", 1)).toBe("198.51.100.23");
    expect(clientAddress("10.0.0.2", ["1.1.1.1", "198.51.100.23"], 1)).toBe("198.51.100.23");
  });

  it("behind two trusted proxies, skips both", () => {
    // client → CDN (appends client) → load balancer 10.0.0.5 (appends CDN 172.16.0.9) → us
    expect(clientAddress("10.0.0.5", "6.6.6.6, 198.51.100.23, 172.16.0.9", 2)).toBe("198.51.100.23");
  });

  it("with more trusted hops than the chain has, stops at its far end", () => {
    expect(clientAddress("10.0.0.2", "198.51.100.23", 3)).toBe("198.51.100.23");
    expect(clientAddress("10.0.0.2", undefined, 2)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "", 2)).toBe("10.0.0.2");
  });

  it("does not take something that is not an address from a trusted hop", () => {
    expect(clientAddress("10.0.0.2", "198.51.100.23, not-an-ip", 1)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "garbage, 198.51.100.23", 2)).toBe("198.51.100.23");
    expect(clientAddress("10.0.0.2", "::ffff:198.51.100.23", 1)).toBe("198.51.100.23");
  });

  it("is 'unknown' without a socket address", () => {
    expect(clientAddress(undefined, "198.51.100.23")).toBe("unknown");
  });

  it("is stamped on the request, replacing one the caller sent, and read back from Web or Node headers", () => {
    const req = { headers: { [CLIENT_ADDRESS_HEADER]: "1.2.3.4", "x-forwarded-for": "5.6.7.8" } as Record<string, string | string[] | undefined>, socket: { remoteAddress: "::ffff:203.0.113.7" } };
    stampClientAddress(req, 0);
    expect(req.headers[CLIENT_ADDRESS_HEADER]).toBe("203.0.113.7");
    expect(clientAddressFromHeaders(req.headers)).toBe("203.0.113.7");
    expect(clientAddressFromHeaders(new Headers({ [CLIENT_ADDRESS_HEADER]: "203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientAddressFromHeaders(new Headers({ "x-forwarded-for": "5.6.7.8" }))).toBe("unknown");

    stampClientAddress(req, 1);
    expect(req.headers[CLIENT_ADDRESS_HEADER]).toBe("5.6.7.8");
  });
});
