import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpSend } from "./gateway-sweeps";

/** A shop stand-in: records what it is sent and on how many connections; /moved answers a redirect. */
let server: http.Server;
let base: string;
let connections = 0;
const received: { path: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      received.push({ path: request.url ?? "", headers: request.headers, body });
      if (request.url === "/moved") response.writeHead(302, { location: "/elsewhere" }).end("see elsewhere");
      else response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("the simulated gateway's HTTP sender", () => {
  it("posts the body and headers as given, answers the status, and keeps one connection for the deliveries that follow", async () => {
    const body = JSON.stringify({ id: "evt_1", text: "ünïcode" });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await httpSend(`${base}/api/payments/notify`, { method: "POST", headers: { "content-type": "application/json", "x-gateway-signature": `sig-${i}` }, body })).status);
    }
    expect(statuses).toEqual([200, 200, 200]);
    expect(connections).toBe(1);
    expect(received.map((r) => r.body)).toEqual([body, body, body]);
    expect(received[2]!.headers["x-gateway-signature"]).toBe("sig-2");
    expect(received[0]!.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
  });

  it("does not follow a redirect: a 3xx is the answer", async () => {
    const before = received.length;
    const { status } = await httpSend(`${base}/moved`, { method: "POST", headers: {}, body: "{}" });
    expect(status).toBe(302);
    expect(received.slice(before).map((r) => r.path)).toEqual(["/moved"]);
  });

  it("rejects when nothing listens, so the delivery is retried later", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(httpSend(`http://127.0.0.1:${port}/api/payments/notify`, { method: "POST", headers: {}, body: "{}" })).rejects.toThrow();
  });
});
