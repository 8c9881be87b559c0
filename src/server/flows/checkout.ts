import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Database, DbOrTx, Tx } from "@/server/db/client";
import { prepared } from "@/server/db/prepared";
import { products } from "@/server/db/schema";
import { getAddress } from "@/server/domain/address";
import { clearCart, getCart } from "@/server/domain/cart";
import { reserveStock } from "@/server/domain/inventory";
import { ZCheckoutInput, insertOrder, payableTotalOf, type CheckoutInput } from "@/server/domain/order";
import { DomainError } from "@/server/errors";
import { enqueueEvent } from "@/server/events/outbox";
import { paymentWindowMs } from "./payment-deadline";

/**
 * A hook the logistics module fills in: the fee for the chosen shipping option.
 * Kept as a parameter so checkout does not depend on logistics internals.
 */
export type ShippingQuote = (input: {
  /** The checkout's own transaction: quotes read through it, never through a second pooled connection. */
  db: DbOrTx;
  shipping: NonNullable<CheckoutInput["shipping"]> | undefined;
  destination: { province: string; city: string; district: string };
  lines: { productId: string; quantity: number; weightGrams: number; unitPriceMinor: number }[];
}) => Promise<{ feeMinor: number; carrierCode: string | null; serviceLevel: string | null }>;

const freeShipping: ShippingQuote = async ({ shipping }) => ({
  feeMinor: 0,
  carrierCode: shipping?.carrierCode ?? null,
  serviceLevel: shipping?.serviceLevel ?? null,
});

/**
 * Turns the cart (or a buy-now list) into an order in ONE transaction: the address and the
 * item prices and names are snapshotted, stock is reserved with conditional updates, the order
 * and its first status-log row are written, the cart is emptied and `shop/order.created` goes to
 * the outbox (it starts the payment-window flow). Any failure (out of stock,
 * unknown address, a total other than the one the shopper was shown) rolls all of it back.
 */
export async function checkout(
  db: Database,
  { userId, input, quoteShipping = freeShipping }: { userId: string; input: CheckoutInput; quoteShipping?: ShippingQuote },
) {
  const data = ZCheckoutInput.parse(input);
  const usesCart = !data.items;

  // Statements that do not depend on each other's results are sent together: postgres.js
  // pipelines queries issued at once on the transaction's connection, and PostgreSQL runs
  // them one after another in the order sent, so each group costs one round trip.
  return db.transaction(async (tx) => {
    // The address's refusal comes first whichever answer arrives first: another shopper's
    // address is NOT_FOUND, whatever the cart holds.
    const [address, linesOrRefusal] = await Promise.all([
      getAddress(tx, { userId, addressId: data.addressId }),
      checkoutLines(tx, userId, data.items).catch((error: unknown) => ({ refusal: error })),
    ]);
    if ("refusal" in linesOrRefusal) throw linesOrRefusal.refusal;
    const lines = linesOrRefusal;

    const currencies = new Set(lines.map((l) => l.currency));
    if (currencies.size !== 1) throw new DomainError("VALIDATION_FAILED", "All items must share one currency");

    const orderId = randomUUID();
    // The quote reads the catalog, not the stock: it goes out with the reservation's updates
    // (one round trip). OUT_OF_STOCK still comes before the quote's refusals.
    const [, quoteOrRefusal, paymentWindow] = await Promise.all([
      reserveStock(tx, { orderId, lines }),
      quoteShipping({
        db: tx,
        shipping: data.shipping,
        destination: { province: address.province, city: address.city, district: address.district },
        lines,
      }).catch((error: unknown) => ({ refusal: error })),
      paymentWindowMs(tx),
    ]);
    if ("refusal" in quoteOrRefusal) throw quoteOrRefusal.refusal;
    const quote = quoteOrRefusal;
    assertShownTotal(data.expectedTotal, payableTotalOf(lines, quote.feeMinor), lines[0]!.currency);

    const [order] = await Promise.all([
      insertOrder(
        tx,
        {
          id: orderId,
          userId,
          currency: lines[0]!.currency,
          items: lines,
          shippingFeeMinor: quote.feeMinor,
          carrierCode: quote.carrierCode,
          serviceLevel: quote.serviceLevel,
          shippingAddress: {
            recipient: address.recipient,
            phone: address.phone,
            province: address.province,
            city: address.city,
            district: address.district,
            detail: address.detail,
          },
          note: data.note ?? null,
          paymentWindowMs: paymentWindow,
        },
        { actor: "shopper", actorId: userId },
      ),
      usesCart ? clearCart(tx, userId) : undefined,
    ]);
    // Written with the transaction's audit rows just before the commit.
    await enqueueEvent(tx, "shop/order.created", { orderId, userId, orderNo: order.orderNo });
    return { id: order.id, orderNo: order.orderNo, payableTotalMinor: order.payableTotalMinor, currency: order.currency };
  });
}

/**
 * The shopper confirmed a total on the page; prices, the cart or the shipping quote may have
 * moved since (another tab, a catalog change, a quote for the previous address). Checked after
 * everything that makes up the total is read inside the transaction, so the refusal rolls back
 * the stock reservation and leaves the cart as it was.
 */
function assertShownTotal(expectedTotal: number | undefined, totalMinor: number, currency: string): void {
  if (expectedTotal === undefined || expectedTotal === totalMinor) return;
  throw new DomainError(
    "TOTAL_CHANGED",
    "The order total has changed since it was shown; check the new total and place the order again",
    { expectedTotal: ["The total has changed"] },
    { params: { expectedTotalMinor: expectedTotal, totalMinor, currency } },
  );
}

type CheckoutLine = { productId: string; sku: string; name: string; nameZh: string; unitPriceMinor: number; quantity: number; weightGrams: number; currency: string };

/** The lines to order: a buy-now list priced from the catalog, or the shopper's cart. */
async function checkoutLines(tx: Tx, userId: string, items: CheckoutInput["items"]): Promise<CheckoutLine[]> {
  if (items) {
    const wanted = new Map<string, number>();
    for (const item of items) wanted.set(item.productId, (wanted.get(item.productId) ?? 0) + item.quantity);
    // Built once for any number of lines (the ids as one array parameter); only the columns a line takes.
    const rows = await prepared(tx, "checkout-products", (d) =>
      d
        .select({ id: products.id, sku: products.sku, name: products.name, nameZh: products.nameZh, priceMinor: products.priceMinor, weightGrams: products.weightGrams, currency: products.currency })
        .from(products)
        .where(and(sql`${products.id} = any(${sql.placeholder("productIds")}::uuid[])`, eq(products.active, true)))
        .prepare("checkout_products"),
    ).execute({ productIds: [...wanted.keys()] });
    if (rows.length !== wanted.size) throw new DomainError("PRODUCT_NOT_FOUND", "A product in your order is not available");
    return rows.map((p) => ({
      productId: p.id,
      sku: p.sku,
      name: p.name,
      nameZh: p.nameZh,
      unitPriceMinor: p.priceMinor,
      quantity: wanted.get(p.id)!,
      weightGrams: p.weightGrams,
      currency: p.currency,
    }));
  }
  const cart = await getCart(tx, userId);
  if (cart.lines.length === 0) throw new DomainError("CART_EMPTY", "Your cart is empty");
  return cart.lines.map((l) => ({ ...l }));
}
