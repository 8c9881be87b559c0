import { parse } from "csv-parse/sync";
import type { FastifyInstance } from "fastify";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authSecret } from "@/env";
import { buildGateway } from "@/gateway/build-gateway";
import { getDb } from "@/server/db/client";
import { listOrdersForAdmin } from "@/server/domain/order";
import { createAddressFor, createAdmin, createProduct, createShopper } from "../../../test/fixtures";

const PAGE_SIZE = 3;
const ORDERS = 7;

async function cookieFor(person: { user: { id: string }; session: { sessionId: string } }) {
  return `next-auth.session-token=${await encode({ token: { sid: person.session.sessionId, uid: person.user.id }, secret: authSecret(), maxAge: 3600 })}`;
}

let app: FastifyInstance;
let base: string;
let adminCookie: string;
let shopperCookie: string;
let shopperEmail: string;

beforeAll(async () => {
  // Three rows per query: seven orders cross three pages of the stream.
  app = await buildGateway({ schedulerMode: "off", loadShedding: false, rateLimit: false, csvExport: { pageSize: PAGE_SIZE } });
  base = await app.listen({ port: 0, host: "127.0.0.1" });
  const [admin, shopper] = await Promise.all([createAdmin(), createShopper()]);
  adminCookie = await cookieFor(admin);
  shopperCookie = await cookieFor(shopper);
  shopperEmail = shopper.user.email;
  const address = await createAddressFor(shopper.user.id);
  const product = await createProduct({ stock: 50, priceMinor: 1_234, name: "CSV, \"quoted\" 商品" });
  for (let i = 0; i < ORDERS; i++) await shopper.caller.order.checkout({ addressId: address.id, items: [{ productId: product.id, quantity: 1 }] });
});
afterAll(async () => {
  await app?.close();
});

const get = (path: string, cookie?: string) => fetch(`${base}${path}`, { headers: cookie ? { cookie } : {} });
const rowsOf = async (response: Response) => parse(await response.text(), { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];

describe("GET /api/v1/admin/{list}.csv", () => {
  it("is for admins: 401 without a session, 403 for a shopper, as problem+json", async () => {
    const anonymous = await get("/api/v1/admin/orders.csv");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toContain("application/problem+json");
    expect(await anonymous.json()).toMatchObject({ status: 401, code: "UNAUTHORIZED" });
    const shopper = await get("/api/v1/admin/orders.csv", shopperCookie);
    expect(shopper.status).toBe(403);
    expect(await shopper.json()).toMatchObject({ status: 403, code: "FORBIDDEN" });
  });

  it("streams every row of the filtered list across pages, in the list's order, as the list shows them", async () => {
    const query = `shopper=${encodeURIComponent(shopperEmail)}&status=pending_payment&page=2`;
    const response = await get(`/api/v1/admin/orders.csv?${query}`, adminCookie);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="orders-\d{8}-\d{4}\.csv"$/);
    // Streamed: no length known in advance.
    expect(response.headers.get("transfer-encoding")).toBe("chunked");
    const rows = await rowsOf(response);
    const list = await listOrdersForAdmin(getDb(), { shopper: shopperEmail, status: "pending_payment", pageSize: 100 });
    expect(rows).toHaveLength(ORDERS);
    expect(list.total).toBe(ORDERS);
    // The page number is not a filter; the rows are the list's, in its order.
    expect(rows.map((r) => r.order_no)).toEqual(list.items.map((o) => o.orderNo));
    expect(rows[0]).toMatchObject({ status: "pending_payment", shopper_email: shopperEmail, payable_total_minor: String(list.items[0]!.payableTotalMinor), currency: "CNY" });
    expect(rows[0]!.created_at).toBe(list.items[0]!.createdAt.toISOString());
  });

  it("applies the same filters as the page: another status gives only the header; an invalid one is ignored", async () => {
    const paid = await get(`/api/v1/admin/orders.csv?shopper=${encodeURIComponent(shopperEmail)}&status=paid`, adminCookie);
    expect(paid.status).toBe(200);
    const text = await paid.text();
    expect(text.replace(/^\uFEFF/, "").trim()).toBe("order_no,status,payment_status,logistics_status,shopper_email,shopper_name,payable_total_minor,currency,created_at");
    const ignored = await rowsOf(await get(`/api/v1/admin/orders.csv?shopper=${encodeURIComponent(shopperEmail)}&status=nonsense`, adminCookie));
    expect(ignored).toHaveLength(ORDERS);
  });

  it("exports payments, refunds and shipments the same way", async () => {
    const [order] = (await listOrdersForAdmin(getDb(), { shopper: shopperEmail, pageSize: 1 })).items;
    for (const list of ["payments", "refunds", "shipments"]) {
      const response = await get(`/api/v1/admin/${list}.csv?orderNo=${order!.orderNo}`, adminCookie);
      expect(response.status, list).toBe(200);
      expect(response.headers.get("x-total-count"), list).toBe("0");
      expect(await rowsOf(response), list).toEqual([]);
      expect((await get(`/api/v1/admin/${list}.csv`, shopperCookie)).status, list).toBe(403);
    }
  });
});
