import { DomainError } from "@/server/errors";

/**
 * The refund state machine.
 *
 *   requested ──► approved ──► processing ──► succeeded | failed
 *       └──► rejected
 *
 * A shopper's request starts at `requested`; an admin's direct refund starts at `approved`.
 * Every refund that is not rejected or failed holds its amount against the payment, so the
 * sum of succeeded and in-flight refunds never exceeds what was captured.
 */
export const REFUND_STATUSES = ["requested", "approved", "processing", "succeeded", "failed", "rejected"] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export const REFUND_TRANSITIONS = {
  requested: ["approved", "rejected"],
  approved: ["processing"],
  processing: ["succeeded", "failed"],
  succeeded: [],
  failed: [],
  rejected: [],
} as const satisfies Record<RefundStatus, readonly RefundStatus[]>;

/** Where a refund may begin: a shopper's request, or an admin's direct refund. */
export const REFUND_INITIAL_STATUSES = ["requested", "approved"] as const satisfies readonly RefundStatus[];
/** Refunds whose amount is held against the payment (not yet succeeded, not released). */
export const IN_FLIGHT_REFUND_STATUSES = ["requested", "approved", "processing"] as const satisfies readonly RefundStatus[];

export function canTransitionRefund(from: RefundStatus, to: RefundStatus): boolean {
  return (REFUND_TRANSITIONS[from] as readonly RefundStatus[]).includes(to);
}

/** Throws INVALID_TRANSITION unless `from → to` is in the table. */
export function assertRefundTransition(from: RefundStatus, to: RefundStatus): void {
  if (!canTransitionRefund(from, to)) {
    throw new DomainError("INVALID_TRANSITION", `Refund cannot move from ${from} to ${to}`);
  }
}

export function isInFlightRefundStatus(status: RefundStatus): boolean {
  return (IN_FLIGHT_REFUND_STATUSES as readonly RefundStatus[]).includes(status);
}
