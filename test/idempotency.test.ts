import { count, eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authSecret } from "@/env";
import { getDb } from "@/server/db/client";
import { idempotencyKeys, orders } from "@/server/db/schema";
import { createAddressFor, createProduct, createShopper } from "./fixtures";
import { listenGateway } from "./gateway-fixtures";

/**
 * The Idempotency-Key header, proven over real HTTP against a listening gateway: identical
 * concurrent checkouts with one key place one order, replays say so, a reused key with another
 * body is refused, a key still running answers 409.
 */
let gateway: Awaited<ReturnType<typeof listenGateway>>;
let shopper: Awaited<ReturnType<typeof createShopper>>;
let cookie: string;
let addressId: string;

beforeAll(async () => {
  gateway = await listenGateway();
  shopper = await createShopper();
  cookie = `next-auth.session-token=${await encode({ token: { sid: shopper.session.sessionId, uid: shopper.user.id }, secret: authSecret(), maxAge: 3600 })}`;
  addressId = (await createAddressFor(shopper.user.id)).id;
});
afterAll(() => gateway.close());

const post = (path: string, body: unknown, key?: string) =>
  fetch(`${gateway.base}${path}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) },
    body: JSON.stringify(body),
  });

const ordersOf = async (userId: string) => (await getDb().select({ n: count() }).from(orders).where(eq(orders.userId, userId)))[0]!.n;

describe("Idempotency-Key", () => {
  it("20 rounds of 6 identical concurrent checkouts with one key place exactly one order each; every other answer is a replay or a 409", async () => {
    const product = await createProduct({ stock: 1000, priceMinor: 1500 });
    const before = await ordersOf(shopper.user.id);
    for (let round = 0; round < 20; round++) {
      const key = `checkout-${round}-${crypto.randomUUID()}`;
      const body = { addressId, items: [{ productId: product.id, quantity: 1 }] };
      const answers = await Promise.all(Array.from({ length: 6 }, () => post("/api/v1/orders", body, key)));
      const created = answers.filter((a) => a.status === 201 && a.headers.get("idempotent-replayed") !== "true");
      expect(created, `round ${round}`).toHaveLength(1);
      for (const answer of answers) expect([201, 409], `round ${round}`).toContain(answer.status);
      // After the first finished, the same request replays the same order.
      const replay = await post("/api/v1/orders", body, key);
      expect(replay.status).toBe(201);
      expect(replay.headers.get("idempotent-replayed")).toBe("true");
      expect(replay.headers.get("location")).toBe(created[0]!.headers.get("location"));
      expect((await replay.json()).id).toBe((await created[0]!.json()).id);
    }
    expect((await ordersOf(shopper.user.id)) - before).toBe(20);
  });

  it("works the same on tRPC's endpoint (the browser's checkout)", async () => {
    const product = await createProduct({ stock: 10 });
    const before = await ordersOf(shopper.user.id);
    const body = { json: { addressId, items: [{ productId: product.id, quantity: 1 }] } };
    const first = await post("/api/trpc/order.checkout", body, "trpc-key-1");
    const second = await post("/api/trpc/order.checkout", body, "trpc-key-1");
    expect(first.status).toBe(200);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await second.text()).toBe(await first.text());
    expect((await ordersOf(shopper.user.id)) - before).toBe(1);
  });

  it("refuses the same key with another body (422), answers 409 while the first runs, and a key is private to its caller", async () => {
    const product = await createProduct({ stock: 10 });
    const key = `reuse-${crypto.randomUUID()}`;
    expect((await post("/api/v1/cart/items", { productId: product.id, quantity: 1 }, key)).status).toBe(200);
    const reused = await post("/api/v1/cart/items", { productId: product.id, quantity: 2 }, key);
    expect(reused.status).toBe(422);
    expect(reused.headers.get("content-type")).toContain("application/problem+json");
    expect((await reused.json()).code).toBe("IDEMPOTENCY_KEY_REUSED");

    const running = `running-${crypto.randomUUID()}`;
    await getDb().insert(idempotencyKeys).values({ scope: `user:${shopper.user.id}`, key: running, requestHash: "another request" });
    const busy = await post("/api/v1/cart/items", { productId: product.id, quantity: 1 }, running);
    expect([409, 422]).toContain(busy.status);
    await getDb().update(idempotencyKeys).set({ requestHash: "x" }).where(eq(idempotencyKeys.key, running));

    // Another shopper's identical key is theirs alone.
    const other = await createShopper();
    const otherCookie = `next-auth.session-token=${await encode({ token: { sid: other.session.sessionId, uid: other.user.id }, secret: authSecret(), maxAge: 3600 })}`;
    const theirs = await fetch(`${gateway.base}/api/v1/cart/items`, {
      method: "POST",
      headers: { cookie: otherCookie, "content-type": "application/json", "idempotency-key": key },
      body: JSON.stringify({ productId: product.id, quantity: 2 }),
    });
    expect(theirs.status).toBe(200);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
  });

  it("answers 409 with Retry-After for a key whose first request is still running", async () => {
    const product = await createProduct({ stock: 10 });
    const body = { productId: product.id, quantity: 1 };
    const key = `busy-${crypto.randomUUID()}`;
    // Claim the key exactly as a first request would, then never finish it.
    const { claimIdempotencyKey } = await import("@/gateway/idempotency-store");
    const { createHash } = await import("node:crypto");
    const hash = createHash("sha256").update("POST /api/v1/cart/items\n").update(JSON.stringify(body)).digest("hex");
    expect(await claimIdempotencyKey(getDb(), { scope: `user:${shopper.user.id}`, key, requestHash: hash })).toEqual({ kind: "claimed" });
    const busy = await post("/api/v1/cart/items", body, key);
    expect(busy.status).toBe(409);
    expect(busy.headers.get("retry-after")).toBe("1");
    expect((await busy.json()).code).toBe("IDEMPOTENCY_KEY_IN_USE");
  });
});
