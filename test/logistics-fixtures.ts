import { afterAll, beforeAll, inject } from "vitest";
import { closeDb, getDb } from "../src/server/db/client";
import { seedLogistics } from "../src/server/db/seed/logistics-seed";
import { transitionOrder } from "../src/server/domain/order";
import { createAddressFor, createProduct, createShopper } from "./fixtures";
import { createScratchDatabase } from "./test-database";

/**
 * Gives a test file its own migrated database with the demo carriers and couriers. Carriers
 * change checkout totals (the cheapest option is charged when none is chosen), so they are
 * kept out of the run's shared database that other modules' tests use.
 */
export function withLogisticsDatabase(): void {
  let scratch: { url: string; drop: () => Promise<void> } | undefined;
  beforeAll(async () => {
    scratch = await createScratchDatabase(inject("adminDatabaseUrl"), "shopflow_logistics");
    await closeDb();
    process.env.DATABASE_URL = scratch.url;
    await seedLogistics(getDb());
  });
  afterAll(async () => {
    await closeDb();
    await scratch?.drop();
  });
}

type AddressOverrides = Partial<{ recipient: string; phone: string; province: string; city: string; district: string; detail: string }>;

/** A shopper's order, checked out through the API and moved to paid (as the payment module would). */
export async function createPaidOrder(
  options: { address?: AddressOverrides; quantity?: number; stock?: number; weightGrams?: number; shipping?: { carrierCode: string; serviceLevel: string } } = {},
) {
  const shopper = await createShopper();
  const address = await createAddressFor(shopper.user.id, options.address ?? {});
  const product = await createProduct({ stock: options.stock ?? 50, priceMinor: 5_000, weightGrams: options.weightGrams ?? 800 });
  const order = await shopper.caller.order.checkout({
    addressId: address.id,
    items: [{ productId: product.id, quantity: options.quantity ?? 1 }],
    shipping: options.shipping ?? { carrierCode: "ZTX", serviceLevel: "standard" },
  });
  await getDb().transaction((tx) =>
    transitionOrder(tx, { orderId: order.id, to: "paid", by: { actor: "system", note: "test: paid" }, patch: { paymentStatus: "succeeded", paidAt: new Date() } }),
  );
  return { shopper, address, product, order };
}
