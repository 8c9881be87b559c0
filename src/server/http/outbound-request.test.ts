import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pinnedLookup, postToTarget } from "./outbound-request";

let server: Server;
let port = 0;
const seen: { host: string | undefined; body: string }[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      seen.push({ host: req.headers.host, body });
      res.writeHead(req.url === "/moved" ? 302 : 202, req.url === "/moved" ? { location: "http://127.0.0.1:1/" } : {}).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("postToTarget", () => {
  it("connects to the pinned address while the request still names the host", async () => {
    // `.invalid` never resolves (RFC 6761): the request can only arrive through the pinned address.
    const url = new URL(`http://hooks.shop.invalid:${port}/hook`);
    const status = await postToTarget({ url, host: "hooks.shop.invalid", port, address: "127.0.0.1", family: 4 }, { headers: { "content-type": "application/json" }, body: '{"ok":true}' });
    expect(status).toBe(202);
    expect(seen.at(-1)).toEqual({ host: `hooks.shop.invalid:${port}`, body: '{"ok":true}' });
  });

  it("reports a redirect as its status without following it", async () => {
    const url = new URL(`http://127.0.0.1:${port}/moved`);
    expect(await postToTarget({ url, host: "127.0.0.1", port, address: "127.0.0.1", family: 4 }, { headers: {}, body: "" })).toBe(302);
  });

  it("answers both lookup shapes Node's sockets ask for", () => {
    const lookup = pinnedLookup({ address: "203.0.113.9", family: 4 });
    const answers: unknown[] = [];
    lookup("anything.example", { all: true }, (_error, address) => answers.push(address));
    lookup("anything.example", {}, (_error, address, family) => answers.push([address, family]));
    expect(answers).toEqual([[{ address: "203.0.113.9", family: 4 }], ["203.0.113.9", 4]]);
  });
});
