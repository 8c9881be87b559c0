import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authSecret } from "@/env";
import { buildGateway } from "@/gateway/build-gateway";
import { HIDDEN_PAGE_HEADER } from "@/server/http/hidden-page";
import { createAddressFor, createAdmin, createProduct, createShopper } from "../../../test/fixtures";

async function cookieFor(person: { user: { id: string }; session: { sessionId: string } }) {
  return `next-auth.session-token=${await encode({ token: { sid: person.session.sessionId, uid: person.user.id }, secret: authSecret(), maxAge: 3600 })}`;
}

let app: FastifyInstance;
let next: http.Server;
let base: string;
let ownerCookie: string;
let otherCookie: string;
let adminCookie: string;
let orderId: string;
let listedId: string;
let withdrawnId: string;

beforeAll(async () => {
  // A stand-in for Next that answers with what the gateway told it about the page.
  next = http.createServer((request, response) => response.end(request.headers[HIDDEN_PAGE_HEADER] === "1" ? "hidden" : "shown"));
  await new Promise<void>((resolve) => next.listen(0, "127.0.0.1", resolve));
  app = await buildGateway({ nextUpstream: `http://127.0.0.1:${(next.address() as AddressInfo).port}`, schedulerMode: "off", loadShedding: false, rateLimit: false });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
  const [owner, other, listed, withdrawn] = await Promise.all([createShopper(), createShopper(), createProduct({ stock: 5 }), createProduct({ active: false })]);
  [ownerCookie, otherCookie, adminCookie] = await Promise.all([cookieFor(owner), cookieFor(other), createAdmin().then(cookieFor)]);
  const address = await createAddressFor(owner.user.id);
  orderId = (await owner.caller.order.checkout({ addressId: address.id, items: [{ productId: listed.id, quantity: 1 }] })).id;
  listedId = listed.id;
  withdrawnId = withdrawn.id;
});
afterAll(async () => {
  await app?.close();
  next?.closeAllConnections();
  await new Promise((resolve) => next?.close(resolve));
});

const page = async (path: string, headers: Record<string, string> = {}) => (await fetch(`${base}${path}`, { headers })).text();

describe("the gateway's page-visibility check", () => {
  it("shows an order page to its owner only: another shopper's view, an unknown and a malformed id are hidden", async () => {
    expect(await page(`/orders/${orderId}`, { cookie: ownerCookie })).toBe("shown");
    expect(await page(`/zh-CN/orders/${orderId}/tracking?x=1`, { cookie: ownerCookie })).toBe("shown");
    expect(await page(`/orders/${orderId}`, { cookie: otherCookie })).toBe("hidden");
    expect(await page(`/orders/${orderId}/tracking`, { cookie: otherCookie })).toBe("hidden");
    expect(await page(`/orders/${randomUUID()}`, { cookie: ownerCookie })).toBe("hidden");
    expect(await page(`/orders/not-a-uuid`, { cookie: ownerCookie })).toBe("hidden");
  });

  it("shows an order's cashier to its owner only: another shopper, an admin, an unknown and a malformed id find it hidden", async () => {
    expect(await page(`/pay/${orderId}`, { cookie: ownerCookie })).toBe("shown");
    expect(await page(`/zh-CN/pay/${orderId}?from=checkout`, { cookie: ownerCookie })).toBe("shown");
    expect(await page(`/pay/${orderId}`, { cookie: otherCookie })).toBe("hidden");
    expect(await page(`/en/pay/${orderId}`, { cookie: otherCookie })).toBe("hidden");
    expect(await page(`/pay/${orderId}`, { cookie: adminCookie })).toBe("hidden");
    expect(await page(`/pay/${randomUUID()}`, { cookie: ownerCookie })).toBe("hidden");
    expect(await page(`/pay/not-a-uuid`, { cookie: ownerCookie })).toBe("hidden");
    // The phone behind the QR code is public and shows no order of the reader's.
    expect(await page(`/pay/scan/${randomUUID()}`, { cookie: otherCookie })).toBe("shown");
  });

  it("leaves an order page without a session to Next, which sends the visitor to sign in", async () => {
    expect(await page(`/orders/${orderId}`)).toBe("shown");
    expect(await page(`/pay/${orderId}`)).toBe("shown");
    expect(await page(`/orders/${randomUUID()}`, { cookie: "next-auth.session-token=forged" })).toBe("shown");
  });

  it("shows a product on sale to everyone and hides a withdrawn, unknown or malformed one", async () => {
    expect(await page(`/products/${listedId}`)).toBe("shown");
    expect(await page(`/en/products/${listedId}`, { cookie: otherCookie })).toBe("shown");
    expect(await page(`/products/${withdrawnId}`)).toBe("hidden");
    expect(await page(`/products/${randomUUID()}`)).toBe("hidden");
    expect(await page(`/products/%F0%9F%98%80`)).toBe("hidden");
  });

  it("hides the admin area from a signed-in shopper by the session's role, shows it to an admin, and leaves a visitor to Next", async () => {
    for (const path of ["/admin", "/admin/orders?status=paid", "/zh-CN/admin/payments", "/admin/products?q=tea&page=2", "/admin/stock", "/zh-CN/admin/users?role=shopper"]) {
      expect(await page(path, { cookie: ownerCookie }), path).toBe("hidden");
      expect(await page(path, { cookie: adminCookie }), path).toBe("shown");
      expect(await page(path), path).toBe("shown");
    }
  });

  it("drops a caller's own claim that a page is hidden, and checks no other page", async () => {
    expect(await page("/cart", { [HIDDEN_PAGE_HEADER]: "1" })).toBe("shown");
    expect(await page(`/products/${listedId}`, { [HIDDEN_PAGE_HEADER]: "1" })).toBe("shown");
    expect(await page(`/orders`, { cookie: otherCookie })).toBe("shown");
  });
});
