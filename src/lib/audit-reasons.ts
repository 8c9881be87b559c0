/**
 * Why the system changed something, as a code plus parameters: what audit rows (order and
 * shipment status logs, the payment log) store instead of an English sentence, so every
 * reader sees it in their own language (the `audit.reason` catalogs) and developers still see
 * the code. Free text a person typed (an admin's note) is data and is stored beside it, as is.
 *
 * Each code lists the parameters its label may use; a code is never renamed once rows hold it
 * (add a new one instead). A test fails when a code lacks a label in either language.
 */
export const AUDIT_REASONS = {
  "order.placed": [],
  "order.cancelled_by_shopper": [],
  "payment.cancelled_by_shopper": [],
  "payment.deadline_passed": [],
  "payment.window_expired": [],
  "payment.paid_before_close": [],
  "payment.idempotent_retry": [],
  "payment.earlier_attempt_resolved": [],
  "payment.provider_query": [],
  "gateway.charge_answered": [],
  "gateway.charge_failed": ["failureCode"],
  "gateway.notification": [],
  "gateway.captured_for_closed_payment": [],
  "receipt.confirmed_by_shopper": [],
  "receipt.auto_confirmed": [],
  "shipment.created": [],
  "shipment.order_paid": [],
  "shipment.auto_ship_due": [],
  "shipment.checkpoint_due": [],
  "refund.submitted": [],
  "refund.result_fetched": [],
  "refund.full_approved": [],
  "refund.full_settled": [],
  "refund.all_refunded": [],
  "refund.before_shipping": [],
  "refund.full_failed": [],
  "refund.compensation": [],
  "reconciliation.paid_at_gateway": [],
  "reconciliation.charge_reversal": [],
  "reconciliation.captured_for_closed_payment": [],
  "reconciliation.reversal_of_closed_payment": [],
  "reconciliation.refund_result_fetched": [],
  "reconciliation.stuck_processing": [],
  "workflow.fulfilment": [],
  "simulation.run": [],
  "admin.order_cancelled": [],
  "admin.payment_cancelled": [],
  "admin.gateway_queried": [],
  "admin.refund_approved": [],
  "admin.refund_rejected": [],
  "admin.refund_created": [],
  "admin.shipment_created": [],
  "admin.shipped": [],
  "admin.shipped_bulk": [],
  "admin.shipment_advanced": [],
  "admin.delivered": [],
  "admin.failed_attempt_recorded": [],
  "admin.exception_raised": ["kind"],
  "admin.exception_resolved": ["resolution"],
  "admin.courier_assigned": [],
} as const satisfies Record<string, readonly string[]>;

export type AuditReasonCode = keyof typeof AUDIT_REASONS;
export const AUDIT_REASON_CODES = Object.keys(AUDIT_REASONS) as AuditReasonCode[];
export type AuditReasonParams = Record<string, string | number>;

/** A reason as stored: the code and, when its label needs them, parameters. */
export type AuditReason = { code: AuditReasonCode; params?: AuditReasonParams };

/** Builds a reason; `params` are checked against the code's declared parameter names. */
export function because<C extends AuditReasonCode>(code: C, ...params: (typeof AUDIT_REASONS)[C] extends readonly [] ? [] : [Record<(typeof AUDIT_REASONS)[C][number], string | number>]): AuditReason {
  return params[0] ? { code, params: params[0] } : { code };
}

export function isAuditReasonCode(value: unknown): value is AuditReasonCode {
  return typeof value === "string" && Object.hasOwn(AUDIT_REASONS, value);
}

/** A reason as an audit row holds it: the code and parameters, and free text (a person's note, or an English sentence from before codes). */
export type StoredAuditReason = { reasonCode: string | null; reasonParams: Record<string, unknown> | null; note: string | null };

/** A translator scoped to the `audit` catalog. */
export type AuditTranslator = (key: string, values?: Record<string, string | number>) => string;

/**
 * What people read for a stored reason, in the translator's language: the code's label, then
 * the free text as it was written. A code this build does not know (written by a newer one)
 * reads "Other reason"; its code stays in the row's details. Null when the row says nothing.
 */
export function auditReasonText(t: AuditTranslator, stored: StoredAuditReason): string | null {
  const parts: string[] = [];
  if (stored.reasonCode) {
    if (isAuditReasonCode(stored.reasonCode)) {
      const params = stored.reasonParams ?? {};
      // Every declared parameter is passed: a select without its value would not format.
      const values = Object.fromEntries(AUDIT_REASONS[stored.reasonCode].map((name) => [name, typeof params[name] === "number" ? params[name] : String(params[name] ?? "other")]));
      parts.push(t(`reason.${stored.reasonCode}`, values));
    } else parts.push(t("other"));
  }
  if (stored.note) parts.push(stored.note);
  return parts.length > 0 ? parts.join(" · ") : null;
}

/** The raw code and parameters of a stored reason, for the developers' details disclosure. */
export function auditReasonCodeText(stored: Pick<StoredAuditReason, "reasonCode" | "reasonParams">): string | null {
  if (!stored.reasonCode) return null;
  return stored.reasonParams && Object.keys(stored.reasonParams).length > 0 ? `${stored.reasonCode} ${JSON.stringify(stored.reasonParams)}` : stored.reasonCode;
}
