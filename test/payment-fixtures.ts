import { randomUUID } from "node:crypto";
import { and, eq, inArray, or, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll } from "vitest";
import { gatewayFetch } from "./gateway-fixtures";
import { getDb } from "../src/server/db/client";
import { gatewayNotifications, orders, payments } from "../src/server/db/schema";
import {
  assertMoneyInvariants,
  closeGatewayDb,
  createSimulatedGateway,
  deliverGatewayNotifications,
  getGatewayDb,
  setPaymentProvider,
  settleDueGatewayRefunds,
  type HttpSend,
  type PaymentProvider,
  type SimulatorConfig,
} from "../src/server/domain/payment";
import { createPendingOrder, usersCreatedHere } from "./fixtures";

/**
 * Payment test helpers. The gateway under test is the real simulated gateway on its own pool,
 * with a fixed configuration (no latency, full approval unless a test says otherwise), so
 * tests do not depend on the shared settings rows other test files may change.
 */
export const FAST_CONFIG: SimulatorConfig = {
  successPercent: () => 100,
  latency: () => ({ minMs: 0, maxMs: 0 }),
  ambiguousTimeoutPercent: 0,
  refundDelayMs: 0,
  refundFailurePercent: 0,
  seed: 7,
};

export function testGateway(overrides: Partial<SimulatorConfig> = {}): PaymentProvider {
  return createSimulatedGateway({ db: getGatewayDb(), config: async () => ({ ...FAST_CONFIG, ...overrides }), sleep: async () => {} });
}

/**
 * After every test of the file, the money invariants must hold for every payment this file's
 * shoppers created. Files running beside it are left out: one of their payments may be caught
 * between the gateway's commit and the shop's (a transient state their own checks cover).
 */
export function checkMoneyInvariantsAfterEachTest(): void {
  let since = new Date();
  beforeAll(async () => {
    const [row] = (await getDb().execute(sql`select now() as now`)) as unknown as [{ now: Date | string }];
    since = new Date(row.now);
  });
  afterEach(async () => {
    const owners = [...usersCreatedHere];
    if (owners.length === 0) return;
    const rows = await getDb()
      .select({ id: payments.id })
      .from(payments)
      .innerJoin(orders, eq(orders.id, payments.orderId))
      .where(and(sql`${payments.createdAt} >= ${since.toISOString()}::timestamptz`, inArray(orders.userId, owners)));
    await assertMoneyInvariants(getDb(), { paymentIds: rows.map((r) => r.id) });
  });
}

/** Installs the fast gateway as the process-wide provider for this test file, and the invariant check after each test. */
export function installTestGateway(overrides: Partial<SimulatorConfig> = {}): PaymentProvider {
  const provider = testGateway(overrides);
  beforeAll(() => setPaymentProvider(provider));
  afterAll(async () => {
    setPaymentProvider(null);
    await closeGatewayDb();
  });
  checkMoneyInvariantsAfterEachTest();
  return provider;
}

export const GOOD_CARD = "4242 4242 4242 4242";
export const DECLINED_CARD = "4000 0000 0000 0002";
export const INSUFFICIENT_CARD = "4000 0000 0000 9995";
export const TIMEOUT_CARD = "4000 0000 0000 3063";
export const RATE_CARD = "5555 5555 5555 4444";

export const newKey = () => `k-${randomUUID()}`;

/** A shopper's pending order with an open card payment. */
export async function pendingPayment(options: { priceMinor?: number; method?: "card" | "alipay" | "wechat_pay" | "balance" } = {}) {
  const setup = await createPendingOrder({ priceMinor: options.priceMinor ?? 12_345 });
  const { payment } = await setup.shopper.caller.payment.create({ orderId: setup.order.id, method: options.method ?? "card" });
  return { ...setup, payment };
}

/** A paid order (card 4242). */
export async function paidPayment(options: { priceMinor?: number } = {}) {
  const setup = await pendingPayment(options);
  const result = await setup.shopper.caller.payment.pay({ paymentId: setup.payment.id, method: "card", card: { number: GOOD_CARD } });
  if (result.outcome !== "succeeded") throw new Error(`expected a paid payment, got ${result.outcome}`);
  return { ...setup, payment: result.payment };
}

/** Hands a request straight to the gateway's notify endpoint (in-process, no socket). */
export const routeSend: HttpSend = (url, init) => gatewayFetch(new Request(url, init));
const NOTIFY_URL = "http://shop.test/api/payments/notify";

/** Pending gateway notifications about one payment or refund. */
export async function notificationIdsFor({ paymentSn, refundSn }: { paymentSn?: string; refundSn?: string }): Promise<string[]> {
  const rows = await getGatewayDb()
    .select({ id: gatewayNotifications.id })
    .from(gatewayNotifications)
    .where(
      or(
        paymentSn ? sql`${gatewayNotifications.payload}->'data'->>'merchantRef' = ${paymentSn}` : undefined,
        refundSn ? sql`${gatewayNotifications.payload}->'data'->>'refundKey' = ${refundSn}` : undefined,
      ),
    );
  return rows.map((r) => r.id);
}

/** Runs the gateway's notification sweep for one payment/refund through the gateway's real endpoint. */
export async function deliverNotificationsFor(target: { paymentSn?: string; refundSn?: string }) {
  const ids = await notificationIdsFor(target);
  return deliverGatewayNotifications({ db: getGatewayDb(), now: new Date(Date.now() + 3_600_000), send: routeSend, url: NOTIFY_URL, ids });
}

/** Settles one refund at the gateway (as if its delay passed) and delivers its notification. */
export async function settleRefund(refundSn: string, config: Partial<SimulatorConfig> = {}) {
  await settleDueGatewayRefunds({ db: getGatewayDb(), now: new Date(Date.now() + 3_600_000), config: { ...FAST_CONFIG, ...config }, refundKeys: [refundSn] });
  return deliverNotificationsFor({ refundSn });
}

/** Moves an order's payment deadline (and its payments' expires_at) into the past, as if time passed. */
export async function passDeadline(orderId: string) {
  const db = getDb();
  const past = sql`now() - interval '1 second'`;
  await db.update(orders).set({ paymentDeadlineAt: past }).where(eq(orders.id, orderId));
  await db.update(payments).set({ expiresAt: past }).where(eq(payments.orderId, orderId));
}

export async function paymentRow(paymentId: string) {
  const [row] = await getDb().select().from(payments).where(eq(payments.id, paymentId));
  return row!;
}

export async function orderRow(orderId: string) {
  const [row] = await getDb().select().from(orders).where(eq(orders.id, orderId));
  return row!;
}

/** The money invariants over some payments (tests in parallel each check their own). */
export async function expectMoneyInvariants(paymentIds: string[]) {
  await assertMoneyInvariants(getDb(), { paymentIds });
}
