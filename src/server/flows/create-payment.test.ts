import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { orders, payments } from "@/server/db/schema";
import { paymentSettings } from "@/server/domain/payment";
import { createPendingOrder } from "../../../test/fixtures";
import { installTestGateway, orderRow, passDeadline } from "../../../test/payment-fixtures";

installTestGateway();

/**
 * Opening a payment reads the database's clock and the order's deadline in the statement that
 * locks the order, and leaves "one open payment per order" to the partial unique index.
 */
describe("creating a payment", () => {
  it("refuses an order whose payment deadline has passed by the database's clock, and changes nothing", async () => {
    const { shopper, order } = await createPendingOrder();
    await passDeadline(order.id);
    await expect(shopper.caller.payment.create({ orderId: order.id, method: "card" })).rejects.toMatchObject({ code: "CONFLICT", cause: { code: "PAYMENT_EXPIRED" } });
    expect(await getDb().select().from(payments).where(eq(payments.orderId, order.id))).toHaveLength(0);
    expect(await orderRow(order.id)).toMatchObject({ paymentStatus: "unpaid", paymentSn: null });
  });

  it("an order without a deadline gets a payment that expires one payment window after the database's now", async () => {
    const { shopper, order } = await createPendingOrder();
    await getDb().update(orders).set({ paymentDeadlineAt: null }).where(eq(orders.id, order.id));
    const { ttlMinutes } = await paymentSettings.get(getDb());
    const [before] = (await getDb().execute(sql`select now() as now`)) as unknown as [{ now: string }];
    const { payment } = await shopper.caller.payment.create({ orderId: order.id, method: "card" });
    const lateness = payment.expiresAt.getTime() - new Date(before.now).getTime() - ttlMinutes * 60_000;
    expect(lateness).toBeGreaterThanOrEqual(0);
    expect(lateness).toBeLessThan(10_000);
  });

  it("of concurrent creates for one order, one opens the payment and the order mirrors it; the others are PAYMENT_ALREADY_OPEN", async () => {
    const { shopper, order } = await createPendingOrder();
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => shopper.caller.payment.create({ orderId: order.id, method: "card" })));
    const opened = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.payment] : []));
    expect(opened).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ cause: { code: "PAYMENT_ALREADY_OPEN" } });
    expect(await getDb().select().from(payments).where(eq(payments.orderId, order.id))).toHaveLength(1);
    expect(await orderRow(order.id)).toMatchObject({ paymentStatus: "pending", paymentSn: opened[0]!.paymentSn });
  });
});
