import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { OutboundTarget } from "./outbound-url";

/**
 * A `lookup` for Node's sockets that always answers the address checkOutboundUrl approved:
 * the connection goes where the check looked, even if the name now resolves elsewhere (DNS
 * rebinding). TLS still verifies the certificate against the host name, and the Host header
 * still carries the name.
 */
export function pinnedLookup(target: Pick<OutboundTarget, "address" | "family">): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

export type OutboundPost = { headers: Record<string, string>; body: string; signal?: AbortSignal };

/**
 * POSTs to a checked target over a fresh connection to its pinned address (no pooled socket
 * from an earlier answer) and resolves with the HTTP status. Redirects are not followed: a 3xx
 * is just a status, so a merchant cannot bounce the request to an internal address.
 * The response body is discarded unread.
 */
export function postToTarget(target: OutboundTarget, { headers, body, signal }: OutboundPost): Promise<number> {
  const client = target.url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target.url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        agent: false,
        lookup: pinnedLookup(target),
        signal,
      },
      (response) => {
        resolve(response.statusCode ?? 0);
        response.destroy();
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}
