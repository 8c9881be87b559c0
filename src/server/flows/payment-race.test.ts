import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { inventory } from "@/server/db/schema";
import { confirmQrScan, getGatewayDb } from "@/server/domain/payment";
import { FAST_CONFIG, GOOD_CARD, deliverNotificationsFor, expectMoneyInvariants, orderRow, paymentRow, pendingPayment, installTestGateway } from "../../../test/payment-fixtures";

installTestGateway();

const ROUNDS = 50;
type Variant = { pay: "card" | "qr"; cancel: "payment" | "order" };
const VARIANTS: Variant[] = [
  { pay: "card", cancel: "payment" },
  { pay: "card", cancel: "order" },
  { pay: "qr", cancel: "payment" },
  { pay: "qr", cancel: "order" },
];

describe("pay versus cancel on one payment", () => {
  it(`ends each of ${ROUNDS} rounds in exactly one terminal state with a consistent order`, async () => {
    const paymentIds: string[] = [];
    const tally = { succeeded: 0, cancelled: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const variant = VARIANTS[round % VARIANTS.length]!;
      const { shopper, order, payment, product } = await pendingPayment({ method: variant.pay === "card" ? "card" : "alipay" });
      paymentIds.push(payment.id);

      let pay: () => Promise<unknown>;
      if (variant.pay === "card") {
        pay = () => shopper.caller.payment.pay({ paymentId: payment.id, method: "card", card: { number: GOOD_CARD } });
      } else {
        // The QR code is shown first; the race is the payer scanning (and the notification) against the cancel.
        const started = await shopper.caller.payment.pay({ paymentId: payment.id, method: "alipay" });
        const token = started.payment.qrToken!;
        pay = async () => {
          await confirmQrScan(getGatewayDb(), { token, config: FAST_CONFIG });
          await deliverNotificationsFor({ paymentSn: payment.paymentSn });
        };
      }
      const cancel = variant.cancel === "payment" ? () => shopper.caller.payment.cancel({ paymentId: payment.id }) : () => shopper.caller.order.cancel({ id: order.id });

      const [, cancelled] = await Promise.allSettled([pay(), cancel()]);
      // Late notifications of this round are delivered too: they must change nothing.
      await deliverNotificationsFor({ paymentSn: payment.paymentSn });

      const final = await paymentRow(payment.id);
      const finalOrder = await orderRow(order.id);
      expect(["succeeded", "cancelled"], `round ${round} (${variant.pay}/${variant.cancel})`).toContain(final.status);
      if (final.status === "succeeded") {
        tally.succeeded++;
        expect(cancelled.status, `round ${round}: the cancel must be refused once paid`).toBe("rejected");
        expect(finalOrder).toMatchObject({ status: "paid", paymentStatus: "succeeded" });
      } else {
        tally.cancelled++;
        expect(cancelled.status, `round ${round}: the cancel went through`).toBe("fulfilled");
        expect(finalOrder).toMatchObject({ status: variant.cancel === "order" ? "cancelled" : "pending_payment", paymentStatus: "cancelled" });
        if (variant.cancel === "order") {
          const [stock] = await getDb().select().from(inventory).where(eq(inventory.productId, product.id));
          expect(stock!.reserved).toBe(0);
        }
      }
    }
    // Both sides won sometimes; the point is that no round ended in both (or neither).
    expect(tally.succeeded + tally.cancelled).toBe(ROUNDS);
    await expectMoneyInvariants(paymentIds);
  });
});
