import { Validator } from "@seriousme/openapi-schema-validator";
import { encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { authSecret } from "@/env";
import { openApiDocument } from "@/gateway/plugins/rest-api";
import { getDb } from "@/server/db/client";
import { createApiKey, revokeApiKey } from "@/server/domain/api-key";
import { createAddressFor, createAdmin, createPendingOrder, createProduct, createShopper } from "./fixtures";
import { testGateway } from "./gateway-fixtures";
import { GOOD_CARD } from "./payment-fixtures";
import { histogramCount, parseMetrics, valueOf } from "./prometheus-text";

/** REST over the real gateway (Fastify inject: every plugin, no socket). */
async function call(method: "GET" | "POST" | "PATCH" | "DELETE", url: string, options: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const app = await testGateway();
  const answer = await app.inject({
    method,
    url,
    headers: { ...(options.cookie ? { cookie: options.cookie } : {}), ...(options.body !== undefined ? { "content-type": "application/json" } : {}), ...options.headers },
    payload: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
  });
  return { status: answer.statusCode, headers: answer.headers, json: <T = Record<string, unknown>>() => answer.json() as T };
}

async function cookieFor(shopper: Awaited<ReturnType<typeof createShopper>>) {
  return `next-auth.session-token=${await encode({ token: { sid: shopper.session.sessionId, uid: shopper.user.id }, secret: authSecret(), maxAge: 3600 })}`;
}

let shopper: Awaited<ReturnType<typeof createShopper>>;
let cookie: string;
beforeAll(async () => {
  shopper = await createShopper();
  cookie = await cookieFor(shopper);
});

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document, served at /api/openapi.json, with both security schemes", async () => {
    const served = await call("GET", "/api/openapi.json");
    expect(served.status).toBe(200);
    const result = await new Validator().validate(served.json());
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(openApiDocument().openapi).toMatch(/^3\.1/);
    expect(Object.keys(openApiDocument().components?.securitySchemes ?? {})).toEqual(expect.arrayContaining(["apiKey", "session"]));
    expect(JSON.stringify(openApiDocument())).toContain("4242 4242 4242 4242");
  });

  it("has an interactive reference at /docs served by the gateway itself", async () => {
    const page = await call("GET", "/docs/");
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
  });
});

/** The gateway's /metrics (an in-process call comes from 127.0.0.1, an internal address). */
const scrape = async () => {
  const answer = await (await testGateway()).inject({ method: "GET", url: "/metrics" });
  expect(answer.statusCode).toBe(200);
  return parseMetrics(answer.body);
};

describe("a whole purchase over REST", () => {
  it("adds to the cart, checks out (201 + Location), pays with a test card and reads the paid order; /metrics moves", async () => {
    const before = await scrape();
    const address = await createAddressFor(shopper.user.id);
    const product = await createProduct({ stock: 5, priceMinor: 2500 });

    const added = await call("POST", "/api/v1/cart/items", { cookie, body: { productId: product.id, quantity: 2 } });
    expect(added.status).toBe(200);

    const placed = await call("POST", "/api/v1/orders", { cookie, body: { addressId: address.id } });
    expect(placed.status).toBe(201);
    const order = placed.json() as { id: string; payableTotalMinor: number };
    expect(placed.headers.location).toBe(`/api/v1/orders/${order.id}`);

    const started = await call("POST", "/api/v1/payments", { cookie, body: { orderId: order.id, method: "card" } });
    expect(started.status).toBe(201);
    const paymentId = (started.json() as { payment: { id: string } }).payment.id;
    const paid = await call("POST", `/api/v1/payments/${paymentId}/pay`, { cookie, body: { method: "card", card: { number: GOOD_CARD } } });
    expect(paid.status, JSON.stringify(paid.json())).toBe(200);
    expect(paid.json()).toMatchObject({ outcome: "succeeded" });

    const read = await call("GET", placed.headers.location as string, { cookie });
    expect(read.status).toBe(200);
    expect(read.json()).toMatchObject({ id: order.id, status: "paid" });
    // Filters and paging are query parameters.
    const list = await call("GET", "/api/v1/orders?page=1&pageSize=5", { cookie });
    expect(list.status).toBe(200);
    expect((list.json() as { items: { id: string }[] }).items.map((o) => o.id)).toContain(order.id);

    // The gateway's /metrics, read as Prometheus reads it: the latency histogram and the
    // business counters moved with this purchase.
    const after = await scrape();
    expect(histogramCount(after, "http_request_duration_seconds", { route: "rest POST /orders", status_code: "201" })).toBeGreaterThan(
      histogramCount(before, "http_request_duration_seconds", { route: "rest POST /orders", status_code: "201" }),
    );
    expect(valueOf(after, "shopflow_orders_created_total")).toBeGreaterThan(valueOf(before, "shopflow_orders_created_total"));
    expect(valueOf(after, "shopflow_payments_total", { method: "card", outcome: "succeeded" })).toBeGreaterThan(valueOf(before, "shopflow_payments_total", { method: "card", outcome: "succeeded" }));
  });
});

describe("errors are problem+json", () => {
  const isProblem = (answer: Awaited<ReturnType<typeof call>>, status: number, code: string) => {
    expect(answer.status).toBe(status);
    expect(answer.headers["content-type"]).toContain("application/problem+json");
    const body = answer.json();
    expect(body).toMatchObject({ status, code, title: expect.any(String), detail: expect.any(String), type: expect.stringContaining("#"), requestId: expect.any(String) });
    expect(JSON.stringify(body)).not.toMatch(/"stack"|\.ts:\d+/);
    return body;
  };

  it("401 without a session or key, 404 for someone else's order, 400 with field errors for bad input", async () => {
    isProblem(await call("GET", "/api/v1/orders"), 401, "UNAUTHORIZED");
    const other = await createShopper();
    const otherAddress = await createAddressFor(other.user.id);
    const product = await createProduct({ stock: 5 });
    const theirs = await other.caller.order.checkout({ addressId: otherAddress.id, items: [{ productId: product.id, quantity: 1 }] });
    isProblem(await call("GET", `/api/v1/orders/${theirs.id}`, { cookie }), 404, "ORDER_NOT_FOUND");
    const bad = isProblem(await call("POST", "/api/v1/cart/items", { cookie, body: { productId: "nope", quantity: 0 } }), 400, "BAD_REQUEST");
    expect(Object.keys((bad as { errors: Record<string, string[]> }).errors)).toEqual(expect.arrayContaining(["productId", "quantity"]));
    // Beside the English messages, the same fields as codes and values a program can branch on or translate.
    expect(bad.fieldIssues).toMatchObject({ productId: [{ code: "invalid_id" }], quantity: [{ code: "too_small", params: { min: 1 } }] });
    const address = isProblem(await call("POST", "/api/v1/addresses", { cookie, body: { recipient: "x".repeat(41), phone: "12", province: "广东省", city: "深圳市", district: "南山区", detail: "1 号" } }), 400, "BAD_REQUEST");
    expect(address.fieldIssues).toEqual({ recipient: [{ code: "too_long", params: { max: 40 } }], phone: [{ code: "pattern", params: { pattern: "phone" } }] });
    expect(address.errors).toMatchObject({ phone: ["Enter a phone number (digits, spaces or dashes)"] });
  });

  it("malformed JSON → 400, a wrong media type → 415, an unknown resource → 404, all in the same shape", async () => {
    isProblem(await call("POST", "/api/v1/orders", { cookie, body: "{not json", headers: { "content-type": "application/json" } }), 400, "FST_ERR_CTP_INVALID_JSON_BODY");
    isProblem(await call("POST", "/api/v1/orders", { cookie, body: "addressId=x", headers: { "content-type": "application/x-www-form-urlencoded" } }), 415, "FST_ERR_CTP_INVALID_MEDIA_TYPE");
    isProblem(await call("GET", "/api/v1/no-such-thing", { cookie }), 404, "NOT_FOUND");
  });

  it("unknown fields are a 400 naming them — in the body, nested, and in the query; no write happens", async () => {
    const address = await createAddressFor(shopper.user.id, { isDefault: false });
    const product = await createProduct({ stock: 5 });
    const before = (await call("GET", "/api/v1/orders?pageSize=50", { cookie }).then((a) => a.json<{ total: number }>())).total;
    const top = isProblem(await call("POST", "/api/v1/orders", { cookie, body: { addressId: address.id, adressId: address.id } }), 400, "BAD_REQUEST");
    expect(top.errors).toEqual({ adressId: ["Unknown field"] });
    expect(top.fieldIssues).toEqual({ adressId: [{ code: "unknown_field" }] });
    const nested = isProblem(await call("POST", "/api/v1/orders", { cookie, body: { addressId: address.id, items: [{ productId: product.id, quantity: 1, colour: "red" }] } }), 400, "BAD_REQUEST");
    expect(nested.errors).toEqual({ "items.0.colour": ["Unknown field"] });
    expect((await call("GET", "/api/v1/orders?pageSize=50", { cookie }).then((a) => a.json<{ total: number }>())).total).toBe(before);
    const query = isProblem(await call("GET", "/api/v1/orders?page=1&pageSze=5", { cookie }), 400, "BAD_REQUEST");
    expect(query.errors).toEqual({ pageSze: ["Unknown query parameter"] });
    // A body where the operation takes none, and a body that is not an object.
    isProblem(await call("POST", `/api/v1/orders/${crypto.randomUUID()}/cancel`, { cookie, body: { reason: "x" } }), 400, "BAD_REQUEST");
    expect(isProblem(await call("POST", "/api/v1/cart/items", { cookie, body: "[]" }), 400, "BAD_REQUEST").errors).toEqual({ body: ["Send a JSON object"] });
  });

  it("wrong types, deep nesting, oversized bodies (413), undecodable URLs: each a problem, never a 5xx", async () => {
    const wrong = isProblem(await call("POST", "/api/v1/cart/items", { cookie, body: { productId: 42, quantity: "two" } }), 400, "BAD_REQUEST");
    expect(Object.keys(wrong.errors as object)).toEqual(expect.arrayContaining(["productId", "quantity"]));
    const deep = `{"productId":${"[".repeat(20_000)}${"]".repeat(20_000)}}`;
    isProblem(await call("POST", "/api/v1/cart/items", { cookie, body: deep }), 400, "BAD_REQUEST");
    isProblem(await call("POST", "/api/v1/cart/items", { cookie, body: `{"productId":"${"x".repeat(3 * 1024 * 1024)}"}` }), 413, "FST_ERR_CTP_BODY_TOO_LARGE");
    isProblem(await call("GET", "/api/v1/orders/%E0%A4%A", { cookie }), 400, "FST_ERR_BAD_URL");
    // Nothing to send is an empty object, not a missing media type.
    const answer = await (await testGateway()).inject({ method: "POST", url: "/api/v1/notifications/read-all", headers: { cookie } });
    expect(answer.statusCode, answer.body).toBe(200);
  });
});

describe("API keys on the REST API", () => {
  const keyFor = async (user: { id: string; role: "shopper" | "admin" }, scope: "shopper" | "admin_read" | "admin_write", expiresAt?: Date) =>
    createApiKey({ db: getDb(), userId: user.id, role: user.role, requestId: "test", name: `test ${scope}`, scope, expiresAt });
  const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

  it("a shopper key acts as its owner: their orders yes, another shopper's 404, admin routes 403", async () => {
    const mine = await createPendingOrder();
    const theirs = await createPendingOrder();
    const { secret } = await keyFor({ id: mine.shopper.user.id, role: "shopper" }, "shopper");
    const own = await call("GET", `/api/v1/orders/${mine.order.id}`, { headers: bearer(secret) });
    expect(own.status).toBe(200);
    expect(own.json()).toMatchObject({ id: mine.order.id });
    expect((await call("GET", `/api/v1/orders/${theirs.order.id}`, { headers: bearer(secret) })).status).toBe(404);
    const admin = await (await testGateway()).inject({ method: "GET", url: "/api/trpc/adminOrder.list?input=%7B%22json%22%3A%7B%7D%7D", headers: bearer(secret) });
    expect(admin.statusCode).toBe(403);
  });

  it("a revoked, expired or made-up key is a 401 problem; an admin-read key reads but may not write", async () => {
    const shopperUser = await createShopper();
    const created = await keyFor({ id: shopperUser.user.id, role: "shopper" }, "shopper");
    expect((await call("GET", "/api/v1/cart", { headers: bearer(created.secret) })).status).toBe(200);
    await revokeApiKey({ db: getDb(), userId: shopperUser.user.id, role: "shopper", requestId: "test", apiKeyId: created.key.id });
    const revoked = await call("GET", "/api/v1/cart", { headers: bearer(created.secret) });
    expect(revoked.status).toBe(401);
    expect(revoked.headers["content-type"]).toContain("application/problem+json");
    expect((await call("GET", "/api/v1/cart", { headers: bearer("sf_live_madeup00_notarealsecretnotarealsecret00") })).status).toBe(401);

    const expiresAt = new Date(Date.now() + 1_500);
    const expiring = await keyFor({ id: shopperUser.user.id, role: "shopper" }, "shopper", expiresAt);
    expect((await call("GET", "/api/v1/cart", { headers: bearer(expiring.secret) })).status).toBe(200);
    // The clock is what is under test here: once the expiry has passed, the very next call is
    // refused (the key cache checks the expiry on every call). Calling in a loop until then
    // would spend the key's rate-limit allowance and end in 429 on a fast machine.
    await new Promise((resolve) => setTimeout(resolve, expiresAt.getTime() - Date.now() + 50));
    expect((await call("GET", "/api/v1/cart", { headers: bearer(expiring.secret) })).status).toBe(401);

    const admin = await createAdmin();
    const reader = await keyFor({ id: admin.user.id, role: "admin" }, "admin_read");
    const app = await testGateway();
    expect((await app.inject({ method: "GET", url: "/api/trpc/adminOrder.list?input=%7B%22json%22%3A%7B%7D%7D", headers: bearer(reader.secret) })).statusCode).toBe(200);
    const write = await app.inject({ method: "POST", url: "/api/trpc/adminCarriers.setEnabled", headers: { ...bearer(reader.secret), "content-type": "application/json" }, payload: JSON.stringify({ json: { id: crypto.randomUUID(), enabled: false } }) });
    expect(write.statusCode).toBe(403);
  });

  it("counts an API key's calls under the key (RateLimit headers on its answers)", async () => {
    const shopperUser = await createShopper();
    const { secret, key } = await keyFor({ id: shopperUser.user.id, role: "shopper" }, "shopper");
    const answer = await call("GET", "/api/v1/cart", { headers: bearer(secret) });
    expect(answer.status).toBe(200);
    expect(Number(answer.headers["ratelimit-limit"])).toBeGreaterThan(0);
    expect(key.prefix).toMatch(/^sf_live_/);
  });
});

describe("every operation of the document", () => {
  it("answers a bad call with a problem+json 4xx the document declares — never a 5xx, never another shape", async () => {
    const admin = await createAdmin();
    const shopperUser = await createShopper();
    const keys = {
      admin: (await createApiKey({ db: getDb(), userId: admin.user.id, role: "admin", requestId: "contract", name: "contract", scope: "admin_write" })).secret,
      shopper: (await createApiKey({ db: getDb(), userId: shopperUser.user.id, role: "shopper", requestId: "contract", name: "contract", scope: "shopper" })).secret,
    };
    const document = openApiDocument();
    let calls = 0;
    for (const [template, item] of Object.entries(document.paths ?? {})) {
      for (const [method, operation] of Object.entries(item as Record<string, { responses: Record<string, unknown> }>)) {
        // Unknown ids in the path, a body of the wrong type: refused at the input or at the lookup.
        const url = `/api/v1${template.replace(/\{[^}]+\}/g, "00000000-0000-4000-8000-000000000000")}`;
        const who = template.startsWith("/admin") ? keys.admin : keys.shopper;
        const body = method === "get" || method === "delete" ? undefined : { unexpected: ["not", "what", "it", "takes"] };
        const answer = await call(method.toUpperCase() as "GET", url, { headers: { authorization: `Bearer ${who}` }, body });
        calls++;
        const label = `${method.toUpperCase()} ${template} → ${answer.status}`;
        if (answer.status < 400) continue; // a call that needs nothing (a list) is allowed to succeed
        expect(answer.status, label).toBeLessThan(500);
        expect(answer.headers["content-type"], label).toContain("application/problem+json");
        const problemBody = answer.json();
        for (const field of PROBLEM_REQUIRED) expect(problemBody, `${label}: ${field}`).toHaveProperty(field);
        expect(Object.keys(operation.responses), label).toContain(String(answer.status));
      }
    }
    expect(calls).toBeGreaterThan(40);
  });
});

const PROBLEM_REQUIRED = ["type", "title", "status", "detail", "code", "requestId"] as const;
