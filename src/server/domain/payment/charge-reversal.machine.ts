import { DomainError } from "@/server/errors";

/**
 * The state machine of a charge reversal: money the gateway captured for a payment the shop had
 * already closed (cancelled, expired, failed, or paid by another charge), given back to the payer
 * automatically.
 *
 *   requested ──► processing ──► succeeded
 *       ▲             │
 *       └─────────────┤ (the gateway's refund failed: try again with a new key)
 *                     └──► failed (given up after MAX_REVERSAL_ATTEMPTS; a person looks at it)
 *
 * `requested` waits to be handed to the gateway; `processing` has a refund at the gateway under
 * the key `<charge key>-rv<attempt>`.
 */
export const CHARGE_REVERSAL_STATUSES = ["requested", "processing", "succeeded", "failed"] as const;
export type ChargeReversalStatus = (typeof CHARGE_REVERSAL_STATUSES)[number];

export const CHARGE_REVERSAL_TRANSITIONS = {
  requested: ["processing"],
  processing: ["succeeded", "requested", "failed"],
  succeeded: [],
  failed: [],
} as const satisfies Record<ChargeReversalStatus, readonly ChargeReversalStatus[]>;

/** Gateway refunds tried for one reversal before it is left to a person. */
export const MAX_REVERSAL_ATTEMPTS = 5;

export function canTransitionChargeReversal(from: ChargeReversalStatus, to: ChargeReversalStatus): boolean {
  return (CHARGE_REVERSAL_TRANSITIONS[from] as readonly ChargeReversalStatus[]).includes(to);
}

/** Throws INVALID_TRANSITION unless `from → to` is in the table. */
export function assertChargeReversalTransition(from: ChargeReversalStatus, to: ChargeReversalStatus): void {
  if (!canTransitionChargeReversal(from, to)) throw new DomainError("INVALID_TRANSITION", `Charge reversal cannot move from ${from} to ${to}`);
}

/** The gateway refund key of one attempt: derived from our charge key, so a retry never refunds twice. */
export function reversalRefundKey(chargeKey: string, attempt: number): string {
  return `${chargeKey}-rv${attempt}`;
}
