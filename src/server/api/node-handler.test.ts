import http, { type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authSecret } from "@/env";
import { getDb } from "@/server/db/client";
import { createAuthSession, revokeAuthSession } from "@/server/domain/user";
import { eq } from "drizzle-orm";
import { inventory } from "@/server/db/schema";
import { restockOrder } from "@/server/domain/inventory";
import { checkout } from "@/server/flows/checkout";
import { createPendingOrder, createProduct, createUser } from "../../../test/fixtures";
import { planDirectCall } from "./direct-call";
import { TRPC_PREFIX, createTrpcNodeHandler } from "./node-handler";
import { appRouter } from "./root";

let server: http.Server;
let base: string;
/** The same handler with every call going through tRPC's own node adapter: the reference. */
let adapterServer: http.Server;
let adapterBase: string;

async function listen(options: Parameters<typeof createTrpcNodeHandler>[0]) {
  const trpc = createTrpcNodeHandler(options);
  const created = http.createServer((req, res) => {
    if (req.url?.startsWith(TRPC_PREFIX)) return trpc(req, res);
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => created.listen(0, "127.0.0.1", resolve));
  return { server: created, base: `http://127.0.0.1:${(created.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  ({ server, base } = await listen({}));
  ({ server: adapterServer, base: adapterBase } = await listen({ direct: false }));
});

afterAll(() => Promise.all([server, adapterServer].map((s) => new Promise<void>((resolve) => s.close(() => resolve())))));

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

const input = (value: unknown) => `?input=${encodeURIComponent(JSON.stringify({ json: value }))}`;

describe("single calls answered without the adapter's Web plumbing", () => {
  it("answer exactly as tRPC's adapter does: status, content type and body, for results and every kind of error", async () => {
    const { shopper, order } = await createPendingOrder();
    const other = await createPendingOrder();
    const { cookie } = await signedIn();
    const sid = await createAuthSession(getDb(), shopper.user.id);
    const ownerCookie = `next-auth.session-token=${await encode({ token: { sid, uid: shopper.user.id }, secret: authSecret(), maxAge: 3600 })}`;
    const product = await createProduct();
    const json = { "content-type": "application/json" };

    const cases: [string, RequestInit][] = [
      [`/api/trpc/order.byId${input({ id: order.id })}`, { headers: { cookie: ownerCookie } }], // own order: data with Dates
      [`/api/trpc/order.byId${input({ id: other.order.id })}`, { headers: { cookie: ownerCookie } }], // someone else's: 404
      [`/api/trpc/order.byId${input({ id: "not-a-uuid" })}`, { headers: { cookie: ownerCookie } }], // 400 with field errors
      [`/api/trpc/order.byId?input=%7Bbroken`, { headers: { cookie: ownerCookie } }], // malformed JSON input
      [`/api/trpc/order.byId${input({ id: order.id })}`, {}], // 401
      [`/api/trpc/auth.me`, { headers: { cookie } }],
      [`/api/trpc/catalog.list${input({ page: 1, pageSize: 5 })}`, {}],
      [`/api/trpc/catalog.categories`, {}],
      [`/api/trpc/cart.add`, { method: "POST", headers: { cookie, ...json }, body: JSON.stringify({ json: { productId: product.id, quantity: 0 } }) }], // 400
      [`/api/trpc/cart.add`, { method: "POST", headers: { cookie, ...json }, body: "{not json" }],
      [`/api/trpc/cart.add`, { method: "POST", headers: { ...json }, body: JSON.stringify({ json: { productId: product.id, quantity: 1 } }) }], // 401
      // Left to the adapter: unknown path, wrong method, batch, other content type.
      [`/api/trpc/nothing.here`, {}],
      [`/api/trpc/cart.add`, {}],
      [`/api/trpc/order.byId`, { method: "POST", headers: { cookie: ownerCookie, ...json }, body: JSON.stringify({ json: { id: order.id } }) }],
      [`/api/trpc/auth.me,catalog.categories?batch=1&input=${encodeURIComponent("{}")}`, { headers: { cookie } }],
      [`/api/trpc/cart.add`, { method: "POST", headers: { cookie, "content-type": "text/plain" }, body: "x" }],
    ];
    for (const [path, init] of cases) {
      const [direct, reference] = await Promise.all([fetch(`${base}${path}`, init), fetch(`${adapterBase}${path}`, init)]);
      const label = `${init.method ?? "GET"} ${path}`;
      expect(direct.status, label).toBe(reference.status);
      expect(direct.headers.get("content-type"), label).toBe(reference.headers.get("content-type"));
      expect(direct.headers.get("vary"), label).toBe(reference.headers.get("vary"));
      expect(await direct.json(), label).toEqual(await reference.json());
    }
  });

  it("takes the direct path only for plain single calls", () => {
    const plan = (method: string, url: string, headers: Record<string, string> = {}) =>
      planDirectCall(appRouter, { method, url, headers } as unknown as IncomingMessage, TRPC_PREFIX)?.path ?? null;
    expect(plan("GET", `/api/trpc/order.byId${input({ id: "x" })}`)).toBe("order.byId");
    expect(plan("POST", "/api/trpc/cart.add", { "content-type": "application/json; charset=utf-8" })).toBe("cart.add");
    expect(plan("GET", "/api/trpc/cart.add")).toBeNull();
    expect(plan("POST", "/api/trpc/order.byId", { "content-type": "application/json" })).toBeNull();
    expect(plan("POST", "/api/trpc/cart.add", { "content-type": "multipart/form-data" })).toBeNull();
    expect(plan("GET", "/api/trpc/auth.me?batch=1&input=%7B%7D")).toBeNull();
    expect(plan("GET", "/api/trpc/auth.me,catalog.categories")).toBeNull();
    expect(plan("GET", "/api/trpc/auth.me", { "trpc-accept": "application/jsonl" })).toBeNull();
    expect(plan("GET", "/api/trpc/toString")).toBeNull();
    expect(plan("GET", "/api/trpc/%E0%A4%A")).toBeNull();
  });

  it("runs mutations once and returns what the adapter returns", async () => {
    const product = await createProduct();
    const bodies = [];
    for (const target of [base, adapterBase]) {
      const { cookie } = await signedIn();
      const res = await fetch(`${target}/api/trpc/cart.add`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ json: { productId: product.id, quantity: 2 } }),
      });
      expect(res.status).toBe(200);
      const cart = await (await fetch(`${target}/api/trpc/cart.get`, { headers: { cookie } })).json();
      expect(cart.result.data.json.lines).toMatchObject([{ productId: product.id, quantity: 2 }]);
      const body = await res.json();
      // Each cart's line has its own id; everything else must match.
      for (const line of body.result.data.json.lines) delete line.id;
      bodies.push(body);
    }
    expect(bodies[0]).toEqual(bodies[1]);
  });
});

describe("the public catalog list on the front server", () => {
  it("is cached, and dropped as soon as a stock change commits — never by one still in flight", async () => {
    const { order, product, shopper, address } = await createPendingOrder({ stock: 10 }); // one unit held
    const url = `${base}/api/trpc/catalog.list${input({ q: product.name, page: 1, pageSize: 20 })}`;
    const available = async () => {
      const body = await (await fetch(url)).json();
      return body.result.data.json.items.find((p: { id: string }) => p.id === product.id)?.available as number;
    };
    expect(await available()).toBe(9);

    // Changed behind the services' back (as another process would): the cached answer stands…
    await getDb().update(inventory).set({ onHand: 20 }).where(eq(inventory.productId, product.id));
    expect(await available()).toBe(9);

    // …until a stock write through the inventory service commits.
    await getDb().transaction((tx) => restockOrder(tx, order.id)); // on hand 21
    // A read while the next write's transaction is still open loads the committed state and
    // caches it; that write's commit must drop it again.
    await getDb().transaction(async (tx) => {
      await restockOrder(tx, order.id); // on hand 22, not yet committed
      expect(await available()).toBe(20);
    });
    expect(await available()).toBe(21);

    // A checkout (reserve) in this process shows at once.
    await checkout(getDb(), { userId: shopper.user.id, input: { addressId: address.id, items: [{ productId: product.id, quantity: 3 }] } });
    expect(await available()).toBe(18);

    // A rolled-back change leaves the list as it was.
    await expect(
      getDb().transaction(async (tx) => {
        await restockOrder(tx, order.id);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await available()).toBe(18);
  });
});
