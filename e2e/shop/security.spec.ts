import { expect, test } from "@playwright/test";
import { seededProductInStock } from "../fixtures/api";
import { DEMO, signInRequest } from "../fixtures/auth";

const trpcBody = (json: unknown) => ({ json });

test("[SHOP][SECURITY] a state-changing request from another origin is refused and changes nothing", async ({ request, baseURL }) => {
  await signInRequest(request, DEMO.shopper2);
  const productId = (await seededProductInStock(request, 1)).id;
  const cartBefore = await (await request.get("/api/trpc/cart.get")).json();

  // A cross-site form post riding on the shopper's cookie.
  const forged = await request.post("/api/trpc/cart.add", {
    headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
    data: `productId=${productId}`,
  });
  expect(forged.status()).toBe(403);
  const forgedJson = await request.post("/api/trpc/cart.add", {
    headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    data: trpcBody({ productId, quantity: 1 }),
  });
  expect(forgedJson.status()).toBe(403);
  expect(await (await request.get("/api/trpc/cart.get")).json()).toEqual(cartBefore);

  // The same call from our own origin works.
  const own = await request.post("/api/trpc/cart.add", { headers: { origin: new URL(baseURL!).origin }, data: trpcBody({ productId, quantity: 1 }) });
  expect(own.status()).toBe(200);
  const item = (await own.json()).result.data.json.lines.find((l: { productId: string }) => l.productId === productId);
  await request.post("/api/trpc/cart.remove", { headers: { origin: new URL(baseURL!).origin }, data: trpcBody({ itemId: item.id }) });
});

test("[SHOP][SECURITY] a copied session token stops working once its owner signs out, from the very next request (20 rounds)", async ({ playwright, baseURL }) => {
  // Sign-out is committed by Next's process; the next request goes through the gateway, whose
  // session cache must not answer for the signed-out session (it once did, now and then).
  for (let round = 0; round < 20; round++) {
    const owner = await playwright.request.newContext({ baseURL });
    await signInRequest(owner, DEMO.shopper2);
    const state = await owner.storageState();
    const token = state.cookies.find((c) => c.name.endsWith("next-auth.session-token"));
    expect(token).toBeDefined();

    // The "thief" holds only the cookie value.
    const thief = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `${token!.name}=${token!.value}` } });
    expect((await (await thief.get("/api/trpc/auth.me")).json()).result.data.json.email, `round ${round}`).toBe(DEMO.shopper2.email);

    const { csrfToken } = await (await owner.get("/api/auth/csrf")).json();
    await owner.post("/api/auth/signout", { form: { csrfToken }, headers: { origin: new URL(baseURL!).origin } });

    expect((await (await thief.get("/api/trpc/auth.me")).json()).result.data.json, `round ${round}`).toBeNull();
    expect((await thief.get("/api/trpc/cart.get")).status(), `round ${round}`).toBe(401);
    await owner.dispose();
    await thief.dispose();
  }
});

test("[SHOP][OPS] health and readiness answer JSON and every response carries a request id", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok" });
  const ready = await request.get("/api/ready", { headers: { "x-request-id": "probe-123" } });
  expect(await ready.json()).toMatchObject({ status: "ready", database: "ok" });
  expect(ready.headers()["x-request-id"]).toBe("probe-123");
  const generated = await request.get("/api/health");
  expect(generated.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});
