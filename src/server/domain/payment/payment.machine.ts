import { DomainError } from "@/server/errors";

/**
 * The payment state machine: every status and every allowed move, in one table.
 *
 *   pending ──► processing ──► succeeded ──► partially_refunded ──► refunded
 *      │            │  ▲            └───────────────────────────────►┘
 *      │            ▼  │ (a new attempt until the deadline)
 *      │          failed
 *      └──► cancelled | expired  (also from processing and failed)
 *
 * A failed attempt leaves the payment open: the shopper may try again (failed → processing)
 * until the order's payment deadline. Services apply a move with a conditional update
 * (`... WHERE id = $1 AND status = $from`) and treat zero rows as a conflict.
 */
export const PAYMENT_STATUSES = [
  "pending",
  "processing",
  "succeeded",
  "failed",
  "cancelled",
  "expired",
  "partially_refunded",
  "refunded",
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const PAYMENT_TRANSITIONS = {
  pending: ["processing", "cancelled", "expired"],
  processing: ["succeeded", "failed", "cancelled", "expired"],
  failed: ["processing", "cancelled", "expired"],
  succeeded: ["partially_refunded", "refunded"],
  partially_refunded: ["refunded"],
  refunded: [],
  cancelled: [],
  expired: [],
} as const satisfies Record<PaymentStatus, readonly PaymentStatus[]>;

/** Statuses in which the payment can still be paid (at most one such payment per order). */
export const OPEN_PAYMENT_STATUSES = ["pending", "processing", "failed"] as const satisfies readonly PaymentStatus[];
/** Statuses in which money was captured. */
export const CAPTURED_PAYMENT_STATUSES = ["succeeded", "partially_refunded", "refunded"] as const satisfies readonly PaymentStatus[];

export function canTransitionPayment(from: PaymentStatus, to: PaymentStatus): boolean {
  return (PAYMENT_TRANSITIONS[from] as readonly PaymentStatus[]).includes(to);
}

/** Throws INVALID_TRANSITION unless `from → to` is in the table. */
export function assertPaymentTransition(from: PaymentStatus, to: PaymentStatus): void {
  if (!canTransitionPayment(from, to)) {
    throw new DomainError("INVALID_TRANSITION", `Payment cannot move from ${from} to ${to}`);
  }
}

export function isOpenPaymentStatus(status: PaymentStatus): boolean {
  return (OPEN_PAYMENT_STATUSES as readonly PaymentStatus[]).includes(status);
}

export function isCapturedPaymentStatus(status: PaymentStatus): boolean {
  return (CAPTURED_PAYMENT_STATUSES as readonly PaymentStatus[]).includes(status);
}

/** Simulated payment methods. Card-like ones settle in the request; QR-like ones by notification. */
export const PAYMENT_METHODS = ["alipay", "wechat_pay", "card", "balance"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const QR_METHODS = ["alipay", "wechat_pay"] as const satisfies readonly PaymentMethod[];

export function isQrMethod(method: PaymentMethod): boolean {
  return (QR_METHODS as readonly PaymentMethod[]).includes(method);
}
