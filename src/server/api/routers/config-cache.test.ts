import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { orders } from "@/server/db/schema";
import { paymentSettings } from "@/server/domain/payment";
import { simulationSettings } from "@/server/domain/simulation";
import { createAddressFor, createAdmin, createPendingOrder, createProduct, createShopper } from "../../../../test/fixtures";
import { withLogisticsDatabase } from "../../../../test/logistics-fixtures";

withLogisticsDatabase();

/**
 * Settings and carrier configuration are cached in process (checkout reads them on every
 * order); an admin's change must still apply to the very next request in the same process.
 */
describe("cached configuration", () => {
  it("a payment-settings change by an admin applies to the next checkout at once", async () => {
    const admin = await createAdmin();
    const before = await paymentSettings.get(getDb()); // now cached
    const ttlMinutes = before.ttlMinutes === 45 ? 46 : 45;
    await admin.caller.adminPayment.settings.update({ patch: { ttlMinutes } });
    expect((await paymentSettings.get(getDb())).ttlMinutes).toBe(ttlMinutes);
    const { order } = await createPendingOrder();
    const [row] = await getDb().select({ deadline: orders.paymentDeadlineAt, createdAt: orders.createdAt }).from(orders).where(eq(orders.id, order.id));
    const { timeScale } = await simulationSettings.get(getDb());
    expect(row!.deadline!.getTime() - row!.createdAt.getTime()).toBeCloseTo((ttlMinutes * 60_000) / timeScale, -3);
  });

  it("a carrier disabled, re-enabled or repriced by an admin is offered accordingly by the next quote and checkout", async () => {
    const admin = await createAdmin();
    const carrier = await admin.caller.adminCarriers.create({
      code: `CC${Date.now().toString(36).toUpperCase().slice(-6)}`,
      nameEn: "Cache Test Express",
      nameZh: "缓存测试快递",
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
          stepGrams: 1000,
          volumetricDivisor: 6000,
          // Dearer than every demo carrier, so other tests' "cheapest option" never changes.
          rules: (["same_city", "same_province", "neighbouring", "far", "remote"] as const).map((zone) => ({ zone, firstFeeMinor: 90_000, additionalFeeMinor: 1_000 })),
        },
      ],
    });
    const { user, caller } = await createShopper();
    const address = await createAddressFor(user.id);
    const product = await createProduct({ weightGrams: 500 });
    const items = [{ productId: product.id, quantity: 1 }];
    const mine = async () => (await caller.logistics.quoteOptions({ addressId: address.id, items })).find((o) => o.carrierCode === carrier.code);
    const shipping = { carrierCode: carrier.code, serviceLevel: "standard" };

    expect((await mine())?.feeMinor).toBe(90_000); // cached from here on
    await admin.caller.adminCarriers.setEnabled({ id: carrier.id, enabled: false });
    expect(await mine()).toBeUndefined();
    await expect(caller.order.checkout({ addressId: address.id, items, shipping })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    await admin.caller.adminCarriers.setEnabled({ id: carrier.id, enabled: true });
    expect((await mine())?.feeMinor).toBe(90_000);

    const { id, createdAt: _c, serviceLevels, ...fields } = carrier;
    await admin.caller.adminCarriers.update({
      id,
      ...fields,
      serviceLevels: serviceLevels.map(({ rules, ...level }) => ({ ...level, rules: rules.map((r) => ({ zone: r.zone, firstFeeMinor: 80_000, additionalFeeMinor: r.additionalFeeMinor })) })),
    });
    expect((await mine())?.feeMinor).toBe(80_000);
    const order = await caller.order.checkout({ addressId: address.id, items, shipping });
    expect(order.payableTotalMinor).toBe(product.priceMinor + 80_000);
    await admin.caller.adminCarriers.setEnabled({ id: carrier.id, enabled: false });
  });
});
