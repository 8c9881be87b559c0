import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { logisticsSettings } from "@/server/domain/logistics";
import { closeGatewayDb, setPaymentProvider } from "@/server/domain/payment";
import { createAdmin } from "../../../test/fixtures";
import { withLogisticsDatabase } from "../../../test/logistics-fixtures";
import { checkMoneyInvariantsAfterEachTest, orderRow, paidPayment, settleRefund, testGateway } from "../../../test/payment-fixtures";
import { statusAfterFailedFullRefund } from "./refund-order-status";
import { markDeliveredFlow, shipOrder } from "./shipment";

withLogisticsDatabase();
// The gateway is built after the scratch database is in place, so its ledger lives there too.
beforeAll(() => setPaymentProvider(testGateway()));
afterAll(async () => {
  setPaymentProvider(null);
  await closeGatewayDb();
});
checkMoneyInvariantsAfterEachTest();
const admin = { actor: "admin" as const, note: "test" };

describe("where an order returns after a failed full refund", () => {
  it("follows the goods: paid, shipped, delivered or completed", () => {
    const base = { completedAt: null, shippedAt: null, logisticsStatus: "none" };
    expect(statusAfterFailedFullRefund(base)).toBe("paid");
    expect(statusAfterFailedFullRefund({ ...base, shippedAt: new Date(), logisticsStatus: "in_transit" })).toBe("shipped");
    expect(statusAfterFailedFullRefund({ ...base, shippedAt: new Date(), logisticsStatus: "delivered" })).toBe("delivered");
    expect(statusAfterFailedFullRefund({ ...base, shippedAt: new Date(), logisticsStatus: "delivered", completedAt: new Date() })).toBe("completed");
  });

  it("a parcel delivered while the order was refunding: the failed refund returns the order to delivered, not shipped", async () => {
    await logisticsSettings.update(getDb(), { failedAttemptRate: 0, addressProblemRate: 0, lostParcelRate: 0, outageRate: 0 }, null);
    const { order, payment } = await paidPayment({ priceMinor: 3_000 });
    const shipment = await shipOrder(getDb(), { orderId: order.id, by: admin });
    expect((await orderRow(order.id)).status).toBe("shipped");

    const { caller } = await createAdmin();
    const { refund } = await caller.adminPayment.refund({ paymentId: payment.id, amountMinor: payment.amountMinor, reason: "test failure" });
    expect((await orderRow(order.id)).status).toBe("refunding");

    // The parcel keeps moving while the money question is open; only the mirror follows.
    await markDeliveredFlow(getDb(), { shipmentId: shipment.id, by: admin, signer: "本人" });
    expect(await orderRow(order.id)).toMatchObject({ status: "refunding", logisticsStatus: "delivered" });

    await settleRefund(refund.refundSn, { refundFailurePercent: 100 });
    const after = await orderRow(order.id);
    expect(after).toMatchObject({ status: "delivered", logisticsStatus: "delivered" });
    // The receipt window starts now that the order is delivered again.
    expect(after.deliveredAt).not.toBeNull();
  });
});
