import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { openApiDocument } from "@/gateway/plugins/rest-api";
import { getDb } from "@/server/db/client";
import { taskRuns } from "@/server/db/schema";
import { createApiKey } from "@/server/domain/api-key";
import { createNotification } from "@/server/domain/notification";
import { createPasswordResetLink } from "@/server/domain/user";
import { createAdmin, createProduct, createShopper } from "./fixtures";
import { testGateway } from "./gateway-fixtures";
import { withLogisticsDatabase } from "./logistics-fixtures";
import { GOOD_CARD } from "./payment-fixtures";

/**
 * The contract: every operation of /api/v1's OpenAPI document is called at least once with a
 * request that succeeds, and every answer is checked against the response schema the document
 * declares for its status. A procedure whose answer drifts from its declared output, or an
 * operation nobody can call successfully, fails here.
 */
withLogisticsDatabase();

type Method = "get" | "post" | "put" | "patch" | "delete";
type Operation = { operationId: string; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };

const document = () => openApiDocument();
const operationOf = (method: Method, template: string) => (document().paths as Record<string, Record<string, Operation>>)[template]?.[method];

const validators = new Map<string, z.ZodType>();
function validatorFor(method: Method, template: string, status: number): z.ZodType {
  const id = `${method} ${template} ${status}`;
  let validator = validators.get(id);
  if (!validator) {
    const schema = operationOf(method, template)?.responses[String(status)]?.content?.["application/json"]?.schema;
    expect(schema, `${id}: the document declares no JSON answer for this status`).toBeDefined();
    validator = z.fromJSONSchema(schema as never);
    validators.set(id, validator);
  }
  return validator;
}

const covered = new Set<string>();
let keys: { admin: string; shopper: string };
let shopperId: string;

/**
 * Calls an operation by its document template and checks the answer: a 2xx the document
 * declares, whose body its schema accepts. Returns the body.
 */
async function ok<T = Record<string, unknown>>(
  method: Method,
  template: string,
  options: { params?: Record<string, string>; query?: Record<string, string | number>; body?: unknown; as?: "admin" | "shopper" | "nobody" } = {},
): Promise<T> {
  expect(operationOf(method, template), `${method.toUpperCase()} ${template} is not in the document`).toBeDefined();
  const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(options.params?.[name] ?? "missing"));
  const query = options.query ? `?${new URLSearchParams(Object.entries(options.query).map(([k, v]) => [k, String(v)]))}` : "";
  const as = options.as ?? (template.startsWith("/admin") ? "admin" : "shopper");
  const answer = await (await testGateway()).inject({
    method: method.toUpperCase() as "GET",
    url: `/api/v1${path}${query}`,
    headers: { ...(as === "nobody" ? {} : { authorization: `Bearer ${keys[as]}` }), ...(options.body !== undefined ? { "content-type": "application/json" } : {}) },
    payload: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const label = `${method.toUpperCase()} ${template} → ${answer.statusCode}: ${answer.body.slice(0, 400)}`;
  expect(answer.statusCode, label).toBeGreaterThanOrEqual(200);
  expect(answer.statusCode, label).toBeLessThan(300);
  const body = answer.json() as T;
  const checked = validatorFor(method, template, answer.statusCode).safeParse(body);
  expect(checked.success, `${label}\n${JSON.stringify(checked.error?.issues.slice(0, 5))}`).toBe(true);
  covered.add(`${method} ${template}`);
  return body;
}

const ZONES = ["same_city", "same_province", "neighbouring", "far", "remote"];
const carrierBody = (code: string) => ({
  code,
  nameEn: `Contract ${code}`,
  nameZh: `契约 ${code}`,
  trackingPrefix: "CT",
  trackingBodyLength: 10,
  trackingCheck: "luhn",
  serviceLevels: [
    {
      code: "standard",
      nameEn: "Standard",
      nameZh: "标准",
      promisedDays: 3,
      firstWeightGrams: 1000,
      stepGrams: 500,
      volumetricDivisor: 8000,
      rules: ZONES.map((zone) => ({ zone, firstFeeMinor: 800, additionalFeeMinor: 200 })),
    },
  ],
});
const shipping = { carrierCode: "ZTX", serviceLevel: "standard" };

beforeAll(async () => {
  const admin = await createAdmin();
  const shopper = await createShopper();
  shopperId = shopper.user.id;
  keys = {
    admin: (await createApiKey({ db: getDb(), userId: admin.user.id, role: "admin", requestId: "contract", name: "contract", scope: "admin_write" })).secret,
    shopper: (await createApiKey({ db: getDb(), userId: shopper.user.id, role: "shopper", requestId: "contract", name: "contract", scope: "shopper" })).secret,
  };
  await createNotification(getDb(), { userId: shopper.user.id, orderId: null, kind: "payment_succeeded", params: {}, sourceEventId: `contract-${randomUUID()}` });
});

// Before the database goes (hooks run in reverse): the gateway's last writes (a key's last use) finish first.
afterAll(async () => (await testGateway()).close());

describe("every operation of the OpenAPI document", () => {
  it("declares what it answers: a JSON schema for each success (every procedure has an output schema)", () => {
    const undescribed = Object.entries(document().paths ?? {}).flatMap(([template, item]) =>
      Object.entries(item as Record<string, Operation>).flatMap(([method, operation]) => {
        const schema = operation.responses["200"]?.content?.["application/json"]?.schema as Record<string, unknown> | undefined;
        return schema && Object.keys(schema).length > 0 ? [] : [`${method.toUpperCase()} ${template}`];
      }),
    );
    expect(undescribed).toEqual([]);
  });

  it("answers a valid call with a 2xx whose body matches the document's schema", async () => {
    const seeded = await createProduct({ stock: 500, priceMinor: 10_000 });

    // Catalog, shopper side and admin side.
    await ok("get", "/products", { as: "nobody" });
    await ok("get", "/products/{id}", { params: { id: seeded.id }, as: "nobody" });
    await ok("get", "/categories", { as: "nobody" });
    await ok("get", "/admin/products", { query: { page: 1, pageSize: 5 } });
    const current = await ok<Record<string, unknown>>("get", "/admin/products/{id}", { params: { id: seeded.id } });
    const fields = { nameEn: "Contract kettle", nameZh: "契约水壶", categoryId: current.categoryId, warehouseId: current.warehouseId, priceMinor: 2_000, weightGrams: 900, lengthMm: 200, widthMm: 150, heightMm: 250 };
    const created = await ok<{ id: string }>("post", "/admin/products", { body: { sku: `C-${randomUUID().slice(0, 8)}`, ...fields, visible: true } });
    await ok("patch", "/admin/products/{id}", { params: { id: created.id }, body: { sku: `C-${randomUUID().slice(0, 8)}`, ...fields, priceMinor: 2_100 } });
    await ok("post", "/admin/products/{id}/status", { params: { id: created.id }, body: { status: "hidden" } });
    await ok("delete", "/admin/products/{id}/image", { params: { id: created.id } });
    await ok("get", "/admin/categories");
    await ok("post", "/admin/categories", { body: { slug: `contract-${randomUUID().slice(0, 8)}`, nameEn: "Contract", nameZh: "契约" } });
    await ok("post", "/admin/stock/receipts", { body: { productId: created.id, quantity: 10 } });
    await ok("post", "/admin/stock/corrections", { body: { productId: created.id, onHand: 8, expectedOnHand: 10, reason: "counted again" } });
    await ok("get", "/admin/stock/movements", { query: { productId: created.id } });
    await ok("get", "/admin/stock/low");

    // Cart, favourites, addresses.
    await ok("post", "/cart/items", { body: { productId: seeded.id, quantity: 2 } });
    const cart = await ok<{ lines: { id: string }[] }>("get", "/cart");
    const itemId = cart.lines[0]!.id;
    await ok("patch", "/cart/items/{itemId}", { params: { itemId }, body: { quantity: 1 } });
    await ok("delete", "/cart/items/{itemId}", { params: { itemId } });
    await ok("post", "/cart/preview", { body: { lines: [{ productId: seeded.id, quantity: 2 }] }, as: "nobody" });
    await ok("post", "/cart/merge", { body: { lines: [{ productId: seeded.id, quantity: 1 }] } });
    await ok("post", "/favourites/{productId}", { params: { productId: seeded.id } });
    await ok("get", "/favourites");
    await ok("get", "/favourites/{productId}", { params: { productId: seeded.id } });
    await ok("delete", "/favourites/{productId}", { params: { productId: seeded.id } });
    const addressFields = { recipient: "王芳", phone: "13700001111", province: "浙江省", city: "杭州市", district: "西湖区", detail: "文一西路 969 号" };
    const address = await ok<{ id: string }>("post", "/addresses", { body: addressFields });
    await ok("get", "/addresses");
    await ok("get", "/addresses/{id}", { params: { id: address.id } });
    await ok("patch", "/addresses/{id}", { params: { id: address.id }, body: { ...addressFields, detail: "文一西路 970 号" } });
    await ok("post", "/addresses/{id}/default", { params: { id: address.id } });

    // Orders: one to pay, refund, ship and complete; one the shopper cancels; one an admin cancels.
    const place = () => ok<{ id: string; payableTotalMinor: number }>("post", "/orders", { body: { addressId: address.id, items: [{ productId: seeded.id, quantity: 1 }], shipping } });
    const order = await place();
    const toCancel = await place();
    const adminCancels = await place();
    const paymentToCancel = await place();
    const adminPaymentToCancel = await place();
    await ok("get", "/orders", { query: { page: 1, pageSize: 5 } });
    await ok("get", "/orders/{id}", { params: { id: order.id } });
    await ok("post", "/orders/{id}/cancel", { params: { id: toCancel.id } });
    await ok("get", "/admin/orders", { query: { status: "pending_payment", pageSize: 5 } });
    await ok("get", "/admin/orders/{id}", { params: { id: order.id } });
    await ok("post", "/admin/orders/{id}/cancel", { params: { id: adminCancels.id }, body: { reason: "out of stock" } });

    // Payments.
    const started = await ok<{ payment: { id: string } }>("post", "/payments", { body: { orderId: order.id, method: "card" } });
    const paymentId = started.payment.id;
    await ok("post", "/payments/{paymentId}/pay", { params: { paymentId }, body: { method: "card", card: { number: GOOD_CARD } } });
    await ok("get", "/payments/{paymentId}", { params: { paymentId } });
    await ok("get", "/orders/{orderId}/payment", { params: { orderId: order.id } });
    const open = await ok<{ payment: { id: string } }>("post", "/payments", { body: { orderId: paymentToCancel.id, method: "alipay" } });
    await ok("post", "/payments/{paymentId}/cancel", { params: { paymentId: open.payment.id } });
    const adminOpen = await ok<{ payment: { id: string } }>("post", "/payments", { body: { orderId: adminPaymentToCancel.id, method: "alipay" } });
    await ok("post", "/admin/payments/{paymentId}/cancel", { params: { paymentId: adminOpen.payment.id }, body: { reason: "duplicate" } });
    await ok("get", "/admin/payments", { query: { method: "card", pageSize: 5 } });
    await ok("get", "/admin/payments/{paymentId}", { params: { paymentId } });

    // Refunds: one rejected, one approved, one an admin makes directly.
    const rejected = await ok<{ refund: { id: string } }>("post", "/refunds", { body: { orderId: order.id, amountMinor: 100, reason: "scratched" } });
    await ok("post", "/admin/refunds/{refundId}/reject", { params: { refundId: rejected.refund.id }, body: { note: "not covered" } });
    const approved = await ok<{ refund: { id: string } }>("post", "/refunds", { body: { orderId: order.id, amountMinor: 100, reason: "scratched again" } });
    await ok("get", "/admin/refunds", { query: { status: "requested", pageSize: 5 } });
    await ok("get", "/admin/refunds/{refundId}", { params: { refundId: approved.refund.id } });
    await ok("post", "/admin/refunds/{refundId}/approve", { params: { refundId: approved.refund.id }, body: { note: "fine" } });
    await ok("post", "/admin/payments/{paymentId}/refunds", { params: { paymentId }, body: { amountMinor: 100, reason: "goodwill" } });
    // By items: the amount may be left to the server (the items' paid value) or asked lower.
    const bought = await ok<{ items: { id: string }[] }>("get", "/orders/{id}", { params: { id: order.id } });
    await ok("post", "/refunds", { body: { orderId: order.id, reason: "one item, partly", items: [{ orderItemId: bought.items[0]!.id, quantity: 1 }], amountMinor: 500 } });

    // The admin order page: links, timeline, a notification sent again, a paid order cancelled with a refund, bulk ship.
    const payFor = async (orderId: string) => {
      const { payment } = await ok<{ payment: { id: string } }>("post", "/payments", { body: { orderId, method: "card" } });
      await ok("post", "/payments/{paymentId}/pay", { params: { paymentId: payment.id }, body: { method: "card", card: { number: GOOD_CARD } } });
    };
    const [toRefund, bulkOne, bulkTwo] = [await place(), await place(), await place()];
    for (const placed of [toRefund, bulkOne, bulkTwo]) await payFor(placed.id);
    await ok("get", "/admin/orders/{id}/links", { params: { id: order.id } });
    await ok("get", "/admin/orders/{id}/timeline", { params: { id: order.id } });
    await createNotification(getDb(), { userId: shopperId, orderId: order.id, kind: "payment_succeeded", params: {}, sourceEventId: `contract-${randomUUID()}` });
    await ok("post", "/admin/orders/{id}/notifications/resend", { params: { id: order.id } });
    await ok("post", "/admin/orders/{id}/cancel-with-refund", { params: { id: toRefund.id }, body: { expectedAmountMinor: toRefund.payableTotalMinor, reason: "out of stock" } });
    const bulk = await ok<{ shipped: number }>("post", "/admin/orders/ship", { body: { orderIds: [bulkOne.id, bulkTwo.id] } });
    expect(bulk.shipped).toBe(2);

    // Shipping the paid order through to the shopper's confirmation.
    const shipment = await ok<{ id: string; trackingNo: string }>("post", "/admin/shipments", { body: { orderId: order.id } });
    await ok("get", "/admin/shipments", { query: { pageSize: 5 } });
    await ok("get", "/admin/shipments/{id}", { params: { id: shipment.id } });
    await ok("post", "/admin/orders/{orderId}/ship", { params: { orderId: order.id } });
    await ok("post", "/admin/shipments/{id}/advance", { params: { id: shipment.id } });
    await ok("post", "/admin/shipments/{id}/exception", { params: { id: shipment.id }, body: { kind: "other", note: "box dented" } });
    await ok("post", "/admin/shipments/{id}/exception/resolve", { params: { id: shipment.id }, body: { resolution: "resume" } });
    await ok("get", "/orders/{orderId}/tracking", { params: { orderId: order.id } });
    await ok("get", "/tracking/{trackingNo}", { params: { trackingNo: shipment.trackingNo }, as: "nobody" });
    await ok("post", "/admin/shipments/{id}/deliver", { params: { id: shipment.id }, body: { signer: "王芳" } });
    await ok("post", "/orders/{orderId}/confirm-receipt", { params: { orderId: order.id } });

    // Carriers and couriers.
    const carriers = await ok<{ id: string }[]>("get", "/admin/carriers");
    await ok("get", "/admin/carriers/{id}", { params: { id: carriers[0]!.id } });
    const code = `CT${randomUUID().replace(/[^0-9]/g, "").slice(0, 6)}`;
    const carrier = await ok<{ id: string }>("post", "/admin/carriers", { body: carrierBody(code) });
    await ok("put", "/admin/carriers/{id}", { params: { id: carrier.id }, body: { ...carrierBody(code), nameEn: "Contract renamed" } });
    const courierFields = { carrierId: carrier.id, name: "李雷", phone: "13800001111", province: "浙江省", city: "杭州市" };
    const courier = await ok<{ id: string }>("post", "/admin/couriers", { body: courierFields });
    await ok("get", "/admin/couriers", { query: { carrierId: carrier.id } });
    await ok("get", "/admin/couriers/{id}", { params: { id: courier.id } });
    await ok("put", "/admin/couriers/{id}", { params: { id: courier.id }, body: { ...courierFields, status: "off_duty" } });

    // Settings: read, then write back what was read (other tests keep their defaults).
    const payments = await ok<Record<string, unknown>>("get", "/admin/settings/payments");
    await ok("patch", "/admin/settings/payments", { body: { patch: { ttlMinutes: payments.ttlMinutes } } });
    const logistics = await ok<Record<string, unknown>>("get", "/admin/settings/logistics");
    await ok("patch", "/admin/settings/logistics", { body: { staleAfterHours: logistics.staleAfterHours } });
    const lifecycle = await ok<Record<string, unknown>>("get", "/admin/settings/lifecycle");
    await ok("patch", "/admin/settings/lifecycle", { body: { afterSaleDays: lifecycle.afterSaleDays } });
    const api = await ok<Record<string, unknown>>("get", "/admin/settings/api");
    await ok("patch", "/admin/settings/api", { body: { requestsPerMinute: api.requestsPerMinute } });

    // Background tasks: run a sweep now, read its runs, retry a failed run.
    const tasks = await ok<{ tasks: { id: string; runnable: boolean }[] }>("get", "/admin/tasks");
    const sweep = tasks.tasks.find((task) => task.runnable && task.id.includes("idempotency-cleanup")) ?? tasks.tasks.find((task) => task.runnable)!;
    const ran = await ok<{ runId: string }>("post", "/admin/tasks/{taskId}/run", { params: { taskId: sweep.id } });
    await ok("get", "/admin/tasks/{taskId}/runs", { params: { taskId: sweep.id } });
    await ok("get", "/admin/task-runs/{runId}", { params: { runId: ran.runId } });
    const [failed] = await getDb()
      .insert(taskRuns)
      .values({ taskId: sweep.id, trigger: "cron", mode: "local", status: "failed", error: "contract: a failed run to retry", finishedAt: new Date(), durationMs: 1 })
      .returning({ id: taskRuns.id });
    await ok("post", "/admin/task-runs/{runId}/retry", { params: { runId: failed!.id } });

    // Notifications and messages.
    const notifications = await ok<{ items: { id: string }[] }>("get", "/notifications");
    await ok("get", "/notifications/unread-count");
    await ok("post", "/notifications/{id}/read", { params: { id: notifications.items[0]!.id } });
    await ok("post", "/notifications/read-all");
    const message = await ok<{ id: string }>("post", "/messages", { body: { type: "question", body: "Where is my parcel?" } });
    const another = await ok<{ id: string }>("post", "/messages", { body: { type: "suggestion", body: "More colours, please" } });
    await ok("get", "/messages");
    await ok("get", "/messages/{id}", { params: { id: message.id } });
    await ok("post", "/messages/{id}/replies", { params: { id: message.id }, body: { body: "Any news?" } });
    await ok("post", "/messages/{id}/close", { params: { id: another.id } });
    await ok("get", "/admin/messages");
    await ok("get", "/admin/messages/{id}", { params: { id: message.id } });
    await ok("post", "/admin/messages/{id}/replies", { params: { id: message.id }, body: { body: "On its way" } });
    await ok("post", "/admin/messages/{id}/close", { params: { id: message.id } });

    // Simulation runs.
    const run = await ok<{ id: string }>("post", "/admin/simulation-runs", { body: { shoppers: 1, orders: 1, mix: { paid: 100 }, carriers: ["ZTX"] } });
    await ok("get", "/admin/simulation-runs");
    await ok("get", "/admin/simulation-runs/{runId}", { params: { runId: run.id } });
    await ok("post", "/admin/simulation-runs/{runId}/cancel", { params: { runId: run.id } });

    // The admin's view of the shop and the system.
    await ok("get", "/admin/dashboard");
    await ok("get", "/admin/monitoring", { query: { windowMinutes: 60 } });
    await ok("get", "/admin/logs", { query: { level: "info" } });

    // People: an account an admin manages, and the shopper's own password.
    const someone = await createShopper();
    await ok("get", "/admin/users", { query: { q: someone.user.email, pageSize: 5 } });
    await ok("get", "/admin/users/{id}", { params: { id: someone.user.id } });
    await ok("post", "/admin/users/{id}/role", { params: { id: someone.user.id }, body: { role: "shopper" } });
    await ok("post", "/admin/users/{id}/disable", { params: { id: someone.user.id } });
    await ok("post", "/admin/users/{id}/enable", { params: { id: someone.user.id } });
    await ok("post", "/admin/users/{id}/password-reset-link", { params: { id: someone.user.id } });
    await ok("get", "/admin/users/{id}/events", { params: { id: someone.user.id } });
    // The link itself only reaches the server log; the service hands its token to the test.
    const link = await createPasswordResetLink({ db: getDb(), userId: someone.user.id, actorId: null, requestId: "contract" });
    await ok("post", "/password-resets", { body: { token: link.token, newPassword: "Contract-reset-2026!" }, as: "nobody" });
    await ok("post", "/account/password", { body: { currentPassword: "password123", newPassword: "Contract-change-2026!" } });

    const all = Object.entries(document().paths ?? {}).flatMap(([template, item]) => Object.keys(item as object).map((method) => `${method} ${template}`));
    expect(all.filter((operation) => !covered.has(operation))).toEqual([]);
  });
});
