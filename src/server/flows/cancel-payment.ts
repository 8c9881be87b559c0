import type { Database } from "@/server/db/client";
import { lockOrder } from "@/server/domain/order";
import {
  findPayment,
  getPaymentProvider,
  isOpenPaymentStatus,
  lockPayment,
  toShopperPayment,
  type PaymentActor,
  type PaymentProvider,
  type ShopperPayment,
} from "@/server/domain/payment";
import { DomainError } from "@/server/errors";
import { closeOpenPayment, withChargeClosedFirst } from "./close-open-payment";

/**
 * Cancels an open payment (shopper or admin). The order stays awaiting payment, so the shopper
 * can open a new payment until the deadline. A processing charge is closed at the provider
 * first (with no row lock held); if the provider says it was already paid, the payment succeeds
 * (and the order is paid) and the cancel is refused with INVALID_TRANSITION. Shoppers only
 * reach their own payments (PAYMENT_NOT_FOUND otherwise).
 */
export async function cancelPayment(
  db: Database,
  {
    paymentId,
    userId,
    by,
    provider = getPaymentProvider(),
  }: { paymentId: string; userId: string | null; by: PaymentActor; provider?: PaymentProvider },
): Promise<ShopperPayment> {
  const found = await findPayment(db, paymentId);
  if (!found || (userId && found.userId !== userId)) throw new DomainError("PAYMENT_NOT_FOUND", "Payment not found");
  const result = await withChargeClosedFirst(db, provider, async (tx, closed) => {
    await lockOrder(tx, found.orderId);
    const payment = await lockPayment(tx, paymentId);
    if (!isOpenPaymentStatus(payment.status)) {
      throw new DomainError("INVALID_TRANSITION", `A ${payment.status} payment cannot be cancelled`);
    }
    const outcome = await closeOpenPayment(tx, { payment, to: "cancelled", by, closed });
    return "closeFirst" in outcome ? outcome : { done: outcome };
  });
  if (result.kind === "paid_instead") throw new DomainError("INVALID_TRANSITION", "The payment went through before it could be cancelled");
  return toShopperPayment(result.payment);
}
