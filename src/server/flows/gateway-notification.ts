import { because } from "@/lib/audit-reasons";
import { eq, sql } from "drizzle-orm";
import type { Database, Tx } from "@/server/db/client";
import { prepared } from "@/server/db/prepared";
import { gatewayNotificationsReceived } from "@/server/db/schema";
import { lockOrder } from "@/server/domain/order";
import {
  appendPaymentLog,
  findChargeReversalByRefundKey,
  findPaymentBySn,
  findRefundBySn,
  getPaymentProvider,
  isCapturedPaymentStatus,
  isStrayCapture,
  lockPayment,
  requestChargeReversal,
  type ChargeNotification,
  type PaymentProvider,
  type PaymentRow,
  type ProviderNotification,
  type RefundNotification,
} from "@/server/domain/payment";
import { logger } from "@/server/observability/logger";
import { applyChargeReversalOutcome, submitChargeReversalSoon } from "./charge-reversal";
import { applyChargeState } from "./payment-succeeded";
import { applyRefundOutcome } from "./refund-settled";

export type NotifyResponse = { status: number; body: Record<string, unknown> };

/** `found` is the payment the notification names (findPaymentBySn), read along with the notification id's insert. */
async function applyCharge(tx: Tx, n: ChargeNotification, found: PaymentRow | null, reversals: string[]): Promise<string> {
  if (!found) return "unknown_payment";
  const received = (payment: Pick<PaymentRow, "id" | "orderId">) =>
    appendPaymentLog(tx, {
      kind: "notification_received",
      by: { actor: "gateway" },
      paymentId: payment.id,
      orderId: payment.orderId,
      message: `${n.type} (${n.id})`,
      data: { notificationId: n.id, type: n.type, chargeKey: n.data.chargeKey, chargeId: n.data.chargeId, amountMinor: n.data.amountMinor },
    });
  // The usual card payment: the pay attempt recorded this charge's answer before its notification
  // came. A captured payment never goes back to processing nor takes another charge key, so the
  // locked rows would say the same (already captured by this charge: no reversal, nothing to
  // apply) and nothing is locked; the receipt and its audit row still commit together.
  if (found.currentChargeKey === n.data.chargeKey && isCapturedPaymentStatus(found.status)) {
    await received(found);
    return `already_${found.status}`;
  }
  // Both locks in one round trip, taken in the order sent (order, then payment).
  const [order, payment] = await Promise.all([lockOrder(tx, found.orderId), lockPayment(tx, found.id)]);
  await received(payment);
  const charge = {
    chargeId: n.data.chargeId,
    chargeKey: n.data.chargeKey,
    merchantRef: n.data.merchantRef,
    amountMinor: n.data.amountMinor,
    currency: n.data.currency,
    method: payment.method,
    status: n.type === "charge.succeeded" ? ("succeeded" as const) : ("failed" as const),
    failureCode: n.data.failureCode,
    failureMessage: n.data.failureMessage,
    qrToken: null,
    cardLast4: null,
    settledAt: null,
  };
  if (isStrayCapture(payment, charge)) {
    // Captured for a payment the shop closed, or paid by another charge: the money goes back.
    const { reversal } = await requestChargeReversal(tx, { payment, charge, reason: because("gateway.captured_for_closed_payment"), by: { actor: "gateway" } });
    reversals.push(reversal.id);
    return "reversal_requested";
  }
  if (n.data.chargeKey !== payment.currentChargeKey) return "superseded_charge";
  if (payment.status !== "processing") return `already_${payment.status}`;
  const applied = await applyChargeState(tx, { payment, charge, order, by: { actor: "gateway", reason: because("gateway.notification") } });
  return applied.outcome;
}

async function applyRefund(tx: Tx, n: RefundNotification): Promise<string> {
  const refund = await findRefundBySn(tx, n.data.refundKey);
  if (!refund) {
    // Not a shopper's refund: maybe the automatic refund of a charge captured for a closed payment.
    const reversal = await findChargeReversalByRefundKey(tx, n.data.refundKey);
    if (!reversal) return "unknown_refund";
    const status = await applyChargeReversalOutcome(tx, {
      reversalId: reversal.id,
      refundKey: n.data.refundKey,
      outcome: n.type === "refund.succeeded" ? "succeeded" : "failed",
      providerRefundId: n.data.refundId,
      failureCode: n.data.failureCode,
      failureMessage: n.data.failureMessage,
      by: { actor: "gateway", reason: because("gateway.notification") },
    });
    return `reversal_${status}`;
  }
  return applyRefundOutcome(tx, {
    refund,
    outcome: n.type === "refund.succeeded" ? "succeeded" : "failed",
    providerRefundId: n.data.refundId,
    failureCode: n.data.failureCode,
    failureMessage: n.data.failureMessage,
    by: { actor: "gateway", reason: because("gateway.notification") },
    notificationId: n.id,
  });
}

/** Records what applying a notification came to (its row was inserted as "applying" in the same transaction). */
async function recordNotificationOutcome(tx: Tx, notificationId: string, outcome: string): Promise<void> {
  const update = prepared(tx, "gateway-notification-outcome", (d) =>
    d
      .update(gatewayNotificationsReceived)
      .set({ outcome: sql`${sql.placeholder("outcome")}` }) // set() does not type a bare placeholder
      .where(eq(gatewayNotificationsReceived.notificationId, sql.placeholder("notificationId")))
      .prepare("gateway_notification_outcome"),
  );
  await update.execute({ notificationId, outcome });
}

/**
 * POST /api/payments/notify: verify, then apply — the one path for every asynchronous
 * gateway outcome (QR paid, refund settled, card result echoed).
 * - A bad signature, a stale timestamp or a malformed body is refused (401) and logged.
 * - The notification id is stored once, in the same transaction that applies it: a replayed
 *   or duplicated notification (even five at once) is acknowledged with 200 and changes
 *   nothing. Concurrent copies wait on the id's unique key until the first commits.
 * - A failure while applying answers 500, so the gateway delivers it again later.
 */
export async function handleGatewayNotification(
  db: Database,
  { headers, rawBody, now = new Date(), provider = getPaymentProvider() }: { headers: Headers; rawBody: string; now?: Date; provider?: PaymentProvider },
): Promise<NotifyResponse> {
  const verified = provider.verifyNotification({ headers, rawBody, now });
  if (!verified.ok) {
    await appendPaymentLog(db, {
      kind: "notification_rejected",
      by: { actor: "gateway" },
      message: `rejected: ${verified.reason}`,
      data: { reason: verified.reason, claimedId: verified.claimedId ?? null, bytes: rawBody.length },
    });
    return { status: 401, body: { ok: false, error: verified.reason } };
  }
  const notification: ProviderNotification = verified.notification;
  const reversals: string[] = [];
  try {
    const outcome = await db.transaction(async (tx) => {
      const charge = notification.type.startsWith("charge.") ? (notification as ChargeNotification) : null;
      // The charge's payment is read in the same round trip as the id's insert. The read leaves
      // first (findPaymentBySn sends when called, the insert when awaited) and may see the payment
      // as it was before a copy of this notification commits: only its ids are used, and
      // applyCharge locks the order and the payment afresh before it reads anything else of them.
      const receive = prepared(tx, "notification-receipt", (d) =>
        d
          .insert(gatewayNotificationsReceived)
          .values({ notificationId: sql.placeholder("notificationId"), type: sql.placeholder("type"), outcome: "applying" })
          .onConflictDoNothing()
          .returning({ id: gatewayNotificationsReceived.notificationId })
          .prepare("notification_receipt"),
      );
      const [[fresh], found] = await Promise.all([
        receive.execute({ notificationId: notification.id, type: notification.type }),
        charge ? findPaymentBySn(tx, charge.data.merchantRef) : null,
      ]);
      if (!fresh) return null;
      const result = charge ? await applyCharge(tx, charge, found, reversals) : await applyRefund(tx, notification as RefundNotification);
      await recordNotificationOutcome(tx, notification.id, result);
      return result;
    });
    for (const id of reversals) await submitChargeReversalSoon(db, id, provider);
    if (outcome === null) {
      await appendPaymentLog(db, { kind: "notification_duplicate", by: { actor: "gateway" }, message: `duplicate ${notification.type} (${notification.id}) acknowledged`, data: { notificationId: notification.id } });
      return { status: 200, body: { ok: true, duplicate: true } };
    }
    return { status: 200, body: { ok: true, outcome } };
  } catch (error) {
    logger.error({ err: error, notificationId: notification.id }, "applying a gateway notification failed");
    return { status: 500, body: { ok: false, error: "apply_failed" } };
  }
}
