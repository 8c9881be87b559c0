import { because } from "@/lib/audit-reasons";
import { randomUUID } from "node:crypto";
import type { Database } from "@/server/db/client";
import { createAddress, firstAddressOfEach, listAddresses, type Address } from "@/server/domain/address";
import { listProducts, type ProductSummary } from "@/server/domain/catalog";
import { findShipmentByOrder, parcelFor, quoteOptions, type ShippingOption } from "@/server/domain/logistics";
import { getShopperOrder, listShopperOrders, type ActorRef } from "@/server/domain/order";
import { findRefund, getPaymentProvider, type PaymentProvider } from "@/server/domain/payment";
import {
  findSimulationShopper,
  findSimulationShoppers,
  planSimulationOrder,
  recordSimulationShopper,
  recordedSimulationOrderIds,
  seededRandom,
  shopperIndexFor,
  simulatedOrderNote,
  simulatedShopper,
  type SimulationOrderResult,
  type SimulationOrderRow,
  type SimulationOutcome,
  type SimulationRunRow,
} from "@/server/domain/simulation";
import { hashPassword, registerShopper } from "@/server/domain/user";
import { DomainError, isDomainError } from "@/server/errors";
import { cancelOrderAsShopper } from "./cancel-order";
import { checkout } from "./checkout";
import { createPayment } from "./create-payment";
import { payPayment } from "./pay-payment";
import { approveRefund, requestRefund } from "./refund-request";
import { raiseExceptionFlow, shipOrder } from "./shipment";
import { quoteShippingForCheckout } from "./shipping-quote";

/** Forced-outcome test cards of the simulated gateway (docs/payments.md). */
export const SIMULATION_CARDS = { good: "4242424242424242", declined: "4000000000000002" } as const;

export type GenerationContext = {
  db: Database;
  run: Pick<SimulationRunRow, "id" | "seed" | "createdBy" | "params" | "totalShoppers">;
  /** Active products with stock, in a stable order (sku). */
  products: ProductSummary[];
  provider?: PaymentProvider;
  /**
   * What a batch learns once and reuses: each shopper's account and address, and the shipping
   * option picked for a product, quantity and district (the carriers' prices do not change
   * during a batch). Per batch, so a retried batch reads everything afresh.
   */
  memo?: GenerationMemo;
};

type SimulatedAccount = { userId: string; address: Address };
type GenerationMemo = { shoppers: Map<number, Promise<SimulatedAccount>>; options: Map<string, Promise<ShippingOption[]>> };

const memoOf = (ctx: GenerationContext): GenerationMemo => (ctx.memo ??= { shoppers: new Map(), options: new Map() });

/**
 * The password of every simulated shopper: a random secret of this process, hashed once and
 * forgotten. No one can sign in as a simulated shopper, as before when each had its own random one.
 */
let unknowableSecret: Promise<{ password: string; hash: string }> | undefined;
function simulatedShopperSecret() {
  unknowableSecret ??= (async () => {
    const password = randomUUID();
    return { password, hash: await hashPassword(password) };
  })();
  return unknowableSecret;
}

/** Active products with stock, sorted by sku, read through the catalog (a few pages at most). */
export async function productsForSimulation(db: Database): Promise<ProductSummary[]> {
  const all: ProductSummary[] = [];
  for (let page = 1; page <= 20; page++) {
    const result = await listProducts(db, { page, pageSize: 100, sort: "name" });
    all.push(...result.items);
    if (all.length >= result.total || result.items.length === 0) break;
  }
  return all.filter((p) => p.available > 0).sort((a, b) => a.sku.localeCompare(b.sku));
}

/**
 * Signs up shopper `idx` of the run (with an address) unless it exists. The account and the
 * run's record of it are written in one transaction, so a retry finds it and never signs up twice.
 */
export async function ensureSimulatedShopper(ctx: GenerationContext, idx: number): Promise<string> {
  return (await simulatedAccount(ctx, idx)).userId;
}

/**
 * Reads the accounts and addresses of the given shoppers that are signed up already, two reads
 * for a whole batch instead of two per order (a batch's orders mostly come from shoppers of
 * earlier batches). The others are signed up as their first order asks (simulatedAccount).
 */
export async function knowSimulatedShoppers(ctx: GenerationContext, idxs: number[]): Promise<void> {
  const { shoppers } = memoOf(ctx);
  const unknown = [...new Set(idxs)].filter((idx) => !shoppers.has(idx));
  const userIds = await findSimulationShoppers(ctx.db, { runId: ctx.run.id, idxs: unknown });
  const addresses = await firstAddressOfEach(ctx.db, [...userIds.values()]);
  for (const [idx, userId] of userIds) {
    const address = addresses.get(userId);
    // A shopper without an address yet (a sign-up cut short) is completed as before.
    if (address) shoppers.set(idx, Promise.resolve({ userId, address }));
  }
}

/** Shopper `idx`'s account and address, signed up if needed; asked once per batch. */
function simulatedAccount(ctx: GenerationContext, idx: number): Promise<SimulatedAccount> {
  const { shoppers } = memoOf(ctx);
  let account = shoppers.get(idx);
  if (!account) {
    account = signUpSimulatedShopper(ctx, idx);
    // A failed attempt is not remembered: the next order of the shopper tries again.
    account.catch(() => shoppers.delete(idx));
    shoppers.set(idx, account);
  }
  return account;
}

async function signUpSimulatedShopper(ctx: GenerationContext, idx: number): Promise<SimulatedAccount> {
  const { db, run } = ctx;
  const shopper = simulatedShopper({ seed: run.seed, runId: run.id, idx });
  let userId = (await findSimulationShopper(db, { runId: run.id, idx }))?.userId;
  if (!userId) {
    const secret = await simulatedShopperSecret();
    userId = await db.transaction(async (tx) => {
      const user = await registerShopper(tx, { email: shopper.email, name: shopper.name, password: secret.password }, { passwordHash: secret.hash });
      await recordSimulationShopper(tx, { runId: run.id, idx, userId: user.id });
      return user.id;
    });
  }
  const [address] = await listAddresses(db, userId);
  return { userId, address: address ?? (await createAddress(db, { userId, input: shopper.address })) };
}

/** The order a crashed attempt may have placed before recording it: found by its note tag. */
async function findUnrecordedOrder(ctx: GenerationContext, { userId, note }: { userId: string; note: string }): Promise<string | null> {
  const mine = await listShopperOrders(ctx.db, { userId, pageSize: 50 });
  const recorded = await recordedSimulationOrderIds(ctx.db, ctx.run.id, mine.items.map((o) => o.id));
  for (const candidate of mine.items.filter((o) => !recorded.has(o.id))) {
    const order = await getShopperOrder(ctx.db, { userId, orderId: candidate.id });
    if (order.note === note) return order.id;
  }
  return null;
}

/** Checks out a product (trying the next ones when one runs out) with a carrier from the run's list. */
async function placeOrder(ctx: GenerationContext, { idx, account: { userId, address } }: { idx: number; account: SimulatedAccount }): Promise<string> {
  const { db, run, products } = ctx;
  const random = seededRandom(run.seed, "simulation-order", idx);
  const start = Math.floor(random() * products.length);
  const quantity = random() < 0.8 ? 1 : 2;
  const carrierPick = random();
  let lastError: unknown;
  for (let attempt = 0; attempt < Math.min(5, products.length); attempt++) {
    const product = products[(start + attempt) % products.length]!;
    const lines = [{ productId: product.id, quantity }];
    const options = (await shippingOptions(ctx, { productId: product.id, quantity, address })).filter(
      (o) => run.params.carriers.length === 0 || run.params.carriers.includes(o.carrierCode),
    );
    const option = options.length ? options[Math.floor(carrierPick * options.length)]! : undefined;
    try {
      const order = await checkout(db, {
        userId,
        input: {
          addressId: address.id,
          items: lines,
          note: simulatedOrderNote(run.id, idx),
          shipping: option ? { carrierCode: option.carrierCode, serviceLevel: option.serviceLevel } : undefined,
        },
        quoteShipping: quoteShippingForCheckout,
      });
      return order.id;
    } catch (error) {
      if (!isDomainError(error, "OUT_OF_STOCK")) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

/** The shipping options for one line to an address, quoted once per product, quantity and district in a batch. */
function shippingOptions(ctx: GenerationContext, { productId, quantity, address }: { productId: string; quantity: number; address: Address }): Promise<ShippingOption[]> {
  const { options } = memoOf(ctx);
  const key = [productId, quantity, address.province, address.city, address.district].join("|");
  let quoted = options.get(key);
  if (!quoted) {
    quoted = parcelFor(ctx.db, [{ productId, quantity }]).then((parcel) => quoteOptions(ctx.db, { parcel, destination: address }));
    quoted.catch(() => options.delete(key));
    options.set(key, quoted);
  }
  return quoted;
}

/**
 * Plays one order's script through the same operations as real traffic. Every step is safe to
 * repeat: payments and refunds carry idempotency keys derived from run + index, and the other
 * steps look at the current state first.
 */
async function playScript(ctx: GenerationContext, { idx, userId, orderId, outcome }: { idx: number; userId: string; orderId: string; outcome: SimulationOutcome }) {
  const { db, run, provider = getPaymentProvider() } = ctx;
  const key = (step: string) => `sim-${run.id}-${idx}-${step}`;
  const admin: ActorRef = { actor: "admin", actorId: run.createdBy, reason: because("simulation.run") };

  if (outcome === "cancelled") {
    const order = await getShopperOrder(db, { userId, orderId });
    if (order.status === "pending_payment") await cancelOrderAsShopper(db, { userId, orderId });
    return;
  }
  const { payment } = await createPayment(db, { userId, input: { orderId, method: "card", idempotencyKey: key("create-payment") } });
  if (outcome === "abandoned") return; // left unpaid: the payment window closes on its own

  if (outcome === "failed_then_paid") {
    await payPayment(db, { paymentId: payment.id, userId, provider, input: { method: "card", card: { number: SIMULATION_CARDS.declined }, idempotencyKey: key("pay-declined") } });
  }
  const paid = await payPayment(db, { paymentId: payment.id, userId, provider, input: { method: "card", card: { number: SIMULATION_CARDS.good }, idempotencyKey: key("pay") } });
  // A lost gateway answer leaves the payment processing; reconciliation settles it later.
  if (paid.outcome !== "succeeded") return;

  if (outcome === "refunded") {
    const order = await getShopperOrder(db, { userId, orderId });
    const { refund } = await requestRefund(db, {
      userId,
      input: { orderId, amountMinor: order.payableTotalMinor, reason: "Changed my mind (simulation)", idempotencyKey: key("refund") },
    });
    const current = await findRefund(db, refund.id);
    if (current?.status === "requested") await approveRefund(db, { adminId: run.createdBy, provider, input: { refundId: refund.id, note: "simulation" } });
    return;
  }
  if (outcome === "delivery_exception") {
    const shipment = await shipOrder(db, { orderId, by: admin });
    const current = (await findShipmentByOrder(db, orderId)) ?? shipment;
    if (current.status !== "exception") {
      const kinds = ["address", "lost", "damaged"] as const;
      const kind = kinds[Math.floor(seededRandom(run.seed, "simulation-exception", idx)() * kinds.length)]!;
      await raiseExceptionFlow(db, { shipmentId: current.id, by: admin, kind, note: `Simulated ${kind} exception` });
    }
  }
}

/**
 * Generates order `idx` of the run: plans it (unless the batch did, `planned`), signs its
 * shopper up if needed, checks out, plays its script, and returns how far it got for the batch
 * to record with the others (recordSimulationOrders). Resumable: a retry picks up the recorded
 * order (or recognises one placed before a crash by its note) and replays the idempotent steps.
 * Business refusals (out of stock, window closed…) fail the order; anything else is thrown.
 */
export async function generateSimulatedOrder(
  ctx: GenerationContext,
  { idx, outcome, planned }: { idx: number; outcome: SimulationOutcome; planned?: { record: SimulationOrderRow; fresh: boolean } },
): Promise<SimulationOrderResult> {
  const { db, run } = ctx;
  const shopperIdx = shopperIndexFor(idx, run.totalShoppers);
  const { record, fresh } = planned ?? (await planSimulationOrder(db, { runId: run.id, idx, shopperIdx, outcome }));
  if (record.stage === "done" || record.stage === "failed") return { idx, orderId: record.orderId, stage: record.stage, error: record.error };
  let orderId = record.orderId;
  try {
    const account = await simulatedAccount(ctx, shopperIdx);
    const { userId } = account;
    orderId ??= fresh ? null : await findUnrecordedOrder(ctx, { userId, note: simulatedOrderNote(run.id, idx) });
    if (!orderId) {
      if (ctx.products.length === 0) throw new DomainError("OUT_OF_STOCK", "No product in stock to order");
      orderId = await placeOrder(ctx, { idx, account });
    }
    await playScript(ctx, { idx, userId, orderId, outcome: record.outcome });
    return { idx, orderId, stage: "done", error: null };
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return { idx, orderId, stage: "failed", error: `${error.code}: ${error.message}` };
  }
}
