import http from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authSecret } from "@/env";
import { getDb } from "@/server/db/client";
import { createAuthSession, revokeAuthSession } from "@/server/domain/user";
import { createProduct, createUser } from "../../../test/fixtures";
import { TRPC_PREFIX, createTrpcNodeHandler } from "./node-handler";

let server: http.Server;
let base: string;

beforeAll(async () => {
  const trpc = createTrpcNodeHandler();
  server = http.createServer((req, res) => {
    if (req.url?.startsWith(TRPC_PREFIX)) return trpc(req, res);
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function signedIn() {
  const user = await createUser();
  const sid = await createAuthSession(getDb(), user.id);
  const token = await encode({ token: { sid, uid: user.id }, secret: authSecret(), maxAge: 3600 });
  return { user, sid, cookie: `next-auth.session-token=${token}` };
}

describe("/api/trpc on the Node front server", () => {
  it("echoes a sane x-request-id and makes one otherwise", async () => {
    const given = await fetch(`${base}/api/trpc/auth.me`, { headers: { "x-request-id": "probe-42" } });
    expect(given.headers.get("x-request-id")).toBe("probe-42");
    const made = await fetch(`${base}/api/trpc/auth.me`, { headers: { "x-request-id": "bad id with spaces" } });
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses state-changing requests from another origin and changes nothing", async () => {
    const { cookie } = await signedIn();
    const product = await createProduct();
    const forged = await fetch(`${base}/api/trpc/cart.add`, {
      method: "POST",
      headers: { cookie, origin: "https://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ json: { productId: product.id, quantity: 1 } }),
    });
    expect(forged.status).toBe(403);
    expect(forged.headers.get("x-request-id")).toBeTruthy();
    const crossSite = await fetch(`${base}/api/trpc/cart.add`, {
      method: "POST",
      headers: { cookie, "sec-fetch-site": "cross-site", "content-type": "application/json" },
      body: JSON.stringify({ json: { productId: product.id, quantity: 1 } }),
    });
    expect(crossSite.status).toBe(403);
    const cart = await (await fetch(`${base}/api/trpc/cart.get`, { headers: { cookie } })).json();
    expect(cart.result.data.json.lines).toEqual([]);

    const own = await fetch(`${base}/api/trpc/cart.add`, {
      method: "POST",
      headers: { cookie, origin: base, "content-type": "application/json" },
      body: JSON.stringify({ json: { productId: product.id, quantity: 1 } }),
    });
    expect(own.status).toBe(200);
  });

  it("maps tiers and errors like the route handler, and a revoked session stops working", async () => {
    expect((await fetch(`${base}/api/trpc/cart.get`)).status).toBe(401);
    const { user, sid, cookie } = await signedIn();
    const me = await (await fetch(`${base}/api/trpc/auth.me`, { headers: { cookie } })).json();
    expect(me.result.data.json.email).toBe(user.email);
    const missing = await fetch(`${base}/api/trpc/order.byId?input=${encodeURIComponent(JSON.stringify({ json: { id: crypto.randomUUID() } }))}`, {
      headers: { cookie },
    });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.json.data.domainCode).toBe("ORDER_NOT_FOUND");

    await revokeAuthSession(getDb(), sid);
    expect((await fetch(`${base}/api/trpc/cart.get`, { headers: { cookie } })).status).toBe(401);
  });
});
