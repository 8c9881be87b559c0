import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authSecret } from "@/env";
import { buildGateway } from "@/gateway/build-gateway";
import { HIDDEN_PAGE_HEADER } from "@/server/http/hidden-page";
import { audienceText, PAGE_AUDIENCE_HEADER, pageAudienceOf } from "@/server/http/page-audience";
import { readCookie } from "@/server/auth/session";
import { createAddressFor, createProduct, createShopper } from "../../../test/fixtures";
import { PAGE_CACHE_HEADER } from "./next-proxy";

async function cookieFor(person: { user: { id: string }; session: { sessionId: string } }, role = "shopper") {
  return `next-auth.session-token=${await encode({ token: { sid: person.session.sessionId, uid: person.user.id, role }, secret: authSecret(), maxAge: 3600 })}`;
}

/**
 * A stand-in for Next that answers as Next answers a page built once: `s-maxage`, marked
 * prerendered, varying on its router's headers, with the audience its proxy answered for. What
 * it answers with can be changed per test; every request it gets is counted.
 */
let answer: (request: http.IncomingMessage) => { status?: number; headers?: Record<string, string> };
const seen: string[] = [];
let app: FastifyInstance;
let next: http.Server;
let base: string;
let shopperCookie: string;
let otherCookie: string;
let orderId: string;
let otherOrderId: string;
let productIds: string[];

const builtPage = () => ({ "cache-control": "s-maxage=31536000", "x-nextjs-prerender": "1", vary: "rsc, next-router-state-tree, Accept-Encoding", "content-type": "text/html; charset=utf-8" });

beforeAll(async () => {
  next = http.createServer(async (request, response) => {
    seen.push(`${request.url} ${request.headers[HIDDEN_PAGE_HEADER] === "1" ? "hidden" : "shown"}`);
    const audience = await pageAudienceOf(request.url!.split("?")[0]!, { cookie: (name) => readCookie(request.headers.cookie, name), acceptLanguage: request.headers["accept-language"] });
    const { status = 200, headers = builtPage() } = answer(request);
    response.writeHead(status, { [PAGE_AUDIENCE_HEADER]: audienceText(audience), ...headers, "x-request-id": String(request.headers["x-request-id"]) });
    response.end(`${request.headers[HIDDEN_PAGE_HEADER] === "1" ? "not found" : "page"} for ${audienceText(audience)}${request.headers.rsc ? " (rsc)" : ""}`);
  });
  await new Promise<void>((resolve) => next.listen(0, "127.0.0.1", resolve));
  app = await buildGateway({ nextUpstream: `http://127.0.0.1:${(next.address() as AddressInfo).port}`, schedulerMode: "off", loadShedding: false, rateLimit: false });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
  const [shopper, other, tea, cup] = await Promise.all([createShopper(), createShopper(), createProduct({ stock: 5 }), createProduct({ stock: 5 })]);
  [shopperCookie, otherCookie] = await Promise.all([cookieFor(shopper), cookieFor(other)]);
  const [address, otherAddress] = await Promise.all([createAddressFor(shopper.user.id), createAddressFor(other.user.id)]);
  orderId = (await shopper.caller.order.checkout({ addressId: address.id, items: [{ productId: tea.id, quantity: 1 }] })).id;
  otherOrderId = (await other.caller.order.checkout({ addressId: otherAddress.id, items: [{ productId: cup.id, quantity: 1 }] })).id;
  productIds = [tea.id, cup.id];
});
beforeEach(() => {
  answer = () => ({});
  seen.length = 0;
});
afterAll(async () => {
  await app?.close();
  next?.closeAllConnections();
  await new Promise((resolve) => next?.close(resolve));
});

async function view(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, { headers, redirect: "manual" });
  return { status: response.status, body: await response.text(), cache: response.headers.get(PAGE_CACHE_HEADER), headers: response.headers };
}

describe("the gateway's cache of built pages", () => {
  it("answers a page Next built once from the gateway after the first view, with the caller's own request id and nothing of the proxy's note", async () => {
    const first = await view("/cart?from=test", { cookie: shopperCookie });
    const second = await view("/cart?from=test", { cookie: otherCookie });
    expect([first.cache, second.cache]).toEqual(["miss", "hit"]);
    expect(second.body).toBe(first.body);
    expect(seen).toHaveLength(1);
    expect(second.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
    expect(second.headers.get("x-request-id")).toBeTruthy();
    expect(first.headers.get(PAGE_AUDIENCE_HEADER)).toBeNull();
    expect(second.headers.get(PAGE_AUDIENCE_HEADER)).toBeNull();
    expect(second.headers.get("age")).not.toBeNull();
  });

  it("keeps one answer per language and per kind of reader: a visitor is never given a signed-in reader's page", async () => {
    await view("/checkout", { cookie: shopperCookie });
    const chinese = await view("/checkout", { cookie: shopperCookie, "accept-language": "zh-CN,zh;q=0.9" });
    const chosen = await view("/checkout", { cookie: `${shopperCookie}; shopflow-locale=zh-CN` });
    const visitor = await view("/checkout");
    const forged = await view("/checkout", { cookie: "next-auth.session-token=forged" });
    expect(chinese).toMatchObject({ cache: "miss", body: "page for zh-CN member" });
    expect(chosen).toMatchObject({ cache: "hit", body: "page for zh-CN member" });
    expect(visitor).toMatchObject({ cache: "miss", body: "page for en visitor" });
    expect(forged).toMatchObject({ cache: "hit", body: "page for en visitor" });
    expect(seen).toHaveLength(3);
  });

  it("serves one shell for every order and product id, after the visibility check: another shopper's order still reaches Next as hidden", async () => {
    await view(`/orders/${orderId}`, { cookie: shopperCookie });
    expect(await view(`/orders/${otherOrderId}`, { cookie: otherCookie })).toMatchObject({ cache: "hit", body: "page for en member" });
    expect(await view(`/orders/${orderId}`, { cookie: otherCookie })).toMatchObject({ cache: null, body: "not found for en member" });
    expect(await view(`/orders/${randomUUID()}/tracking`, { cookie: shopperCookie })).toMatchObject({ cache: null, body: "not found for en member" });
    await view(`/products/${productIds[0]}`);
    expect(await view(`/products/${productIds[1]}`)).toMatchObject({ cache: "hit", body: "page for en anyone" });
    expect(seen).toEqual([`/orders/${orderId} shown`, `/orders/${orderId} hidden`, expect.stringMatching(/tracking hidden$/), `/products/${productIds[0]} shown`]);
  });

  it("keeps the variants Next varies on apart (the router's payload and the HTML)", async () => {
    await view("/floor");
    const payload = await view("/floor", { rsc: "1" });
    expect(payload).toMatchObject({ cache: "miss", body: "page for en anyone (rsc)" });
    expect(await view("/floor", { rsc: "1" })).toMatchObject({ cache: "hit", body: "page for en anyone (rsc)" });
    expect(await view("/floor")).toMatchObject({ cache: "hit", body: "page for en anyone" });
    expect(seen).toHaveLength(2);
  });

  it("keeps nothing Next did not build once, nothing that sets a cookie, no error, and nothing the proxy answered for someone else", async () => {
    const answers: Record<string, { status?: number; headers?: Record<string, string> }> = {
      "/rendered": { headers: { "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate" } },
      "/unmarked": { headers: { "cache-control": "s-maxage=31536000" } },
      "/cookie": { headers: { ...builtPage(), "set-cookie": "a=b" } },
      "/missing": { status: 404, headers: builtPage() },
      "/elsewhere": { headers: { ...builtPage(), [PAGE_AUDIENCE_HEADER]: "zh-CN anyone" } },
    };
    answer = (request) => answers[request.url!]!;
    for (const path of Object.keys(answers)) {
      await view(path);
      expect((await view(path)).cache, path).not.toBe("hit");
    }
    expect(seen).toHaveLength(2 * Object.keys(answers).length);
  });

  it("passes the API, Next's files and a reload that asks for a fresh page to Next", async () => {
    await view("/addresses", { cookie: shopperCookie });
    expect(await view("/addresses", { cookie: shopperCookie, "cache-control": "no-cache" })).toMatchObject({ cache: "miss" });
    await view("/_next/static/chunk.js");
    expect((await view("/_next/static/chunk.js")).cache).toBeNull();
    expect(seen.filter((line) => line.startsWith("/_next/"))).toHaveLength(2);
  });
});
