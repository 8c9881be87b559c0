import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, signInRequest, uniqueEmail } from "../fixtures/auth";
import { seededProductInStock } from "../fixtures/api";

/** Calls a tRPC query over HTTP (superjson wire format) with the context's cookies. */
export async function trpcQuery<T>(request: APIRequestContext, path: string, input?: unknown): Promise<T> {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const response = await request.get(`/api/trpc/${path}${query}`);
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return (await response.json()).result.data.json as T;
}

/** Calls a tRPC mutation over HTTP. */
export async function trpcMutation<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(response.status(), `${path}: ${await response.text()}`).toBe(200);
  return (await response.json()).result.data.json as T;
}

/**
 * A fresh shopper (signed in on the page) with an address and one order awaiting payment, so
 * payment specs never touch the demo shopper's orders that other specs look at.
 */
export async function shopperWithPendingOrder(page: Page): Promise<{ orderId: string; orderNo: string; payableTotalMinor: number }> {
  const email = uniqueEmail("pay");
  await trpcMutation(page.request, "auth.signUp", { email, name: "Payment Tester", password: "password123" });
  await signInRequest(page.request, { email, password: "password123" });
  const address = await trpcMutation<{ id: string }>(page.request, "address.create", {
    recipient: "测试",
    phone: "13800001234",
    province: "浙江省",
    city: "杭州市",
    district: "西湖区",
    detail: "文三路 1 号",
    isDefault: true,
  });
  const product = await seededProductInStock(page.request, 5);
  const order = await trpcMutation<{ id: string; orderNo: string; payableTotalMinor: number }>(page.request, "order.checkout", {
    addressId: address.id,
    items: [{ productId: product.id, quantity: 1 }],
  });
  return { orderId: order.id, orderNo: order.orderNo, payableTotalMinor: order.payableTotalMinor };
}

type Settings = Record<string, unknown>;

export async function readPaymentSettings(request: APIRequestContext): Promise<Settings> {
  return trpcQuery<Settings>(request, "adminPayment.settings.get");
}

export async function writePaymentSettings(request: APIRequestContext, patch: Settings): Promise<void> {
  await trpcMutation(request, "adminPayment.settings.update", { patch });
}

/** A separate signed-in admin browser context (its own cookies), for the admin side of a spec. */
export async function adminPage(page: Page): Promise<Page> {
  const context = await page.context().browser()!.newContext({ baseURL: new URL(page.url()).origin });
  const admin = await context.newPage();
  await signInRequest(admin.request, DEMO.admin);
  return admin;
}

/** Pays an order by API with the always-succeeding test card. */
export async function payByApi(request: APIRequestContext, orderId: string): Promise<{ paymentId: string }> {
  const created = await trpcMutation<{ payment: { id: string } }>(request, "payment.create", { orderId, method: "card" });
  const paid = await trpcMutation<{ outcome: string }>(request, "payment.pay", { paymentId: created.payment.id, method: "card", card: { number: "4242424242424242" } });
  expect(paid.outcome).toBe("succeeded");
  return { paymentId: created.payment.id };
}
