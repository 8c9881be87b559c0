/**
 * Client-safe payment constants and helpers for pages and components (the server's own
 * definitions live in src/server/domain/payment; these mirror them for the browser).
 */
export const PAYMENT_METHOD_KEYS = ["alipay", "wechat_pay", "card", "balance"] as const;
export type PaymentMethodKey = (typeof PAYMENT_METHOD_KEYS)[number];
export const QR_METHOD_KEYS: readonly PaymentMethodKey[] = ["alipay", "wechat_pay"];

export const PAYMENT_STATUS_KEYS = ["pending", "processing", "succeeded", "failed", "cancelled", "expired", "partially_refunded", "refunded"] as const;
export type PaymentStatusKey = (typeof PAYMENT_STATUS_KEYS)[number];

export const REFUND_STATUS_KEYS = ["requested", "approved", "processing", "succeeded", "failed", "rejected"] as const;
export type RefundStatusKey = (typeof REFUND_STATUS_KEYS)[number];

/** Failure codes the shop translates; anything else shows the generic message. */
export const KNOWN_FAILURE_CODES = [
  "insufficient_funds",
  "card_declined",
  "expired_card",
  "processing_error",
  "payer_declined",
  "payment_declined",
  "charge_closed",
  "gateway_timeout",
  "refund_failed",
  "amount_too_large",
  "charge_not_refundable",
] as const;
export type FailureCodeKey = (typeof KNOWN_FAILURE_CODES)[number] | "unknown";

export function failureKey(code: string | null | undefined): FailureCodeKey {
  return (KNOWN_FAILURE_CODES as readonly string[]).includes(code ?? "") ? (code as FailureCodeKey) : "unknown";
}

type Tone = "neutral" | "info" | "success" | "warning" | "danger";
export const PAYMENT_STATUS_TONE: Record<PaymentStatusKey, Tone> = {
  pending: "warning",
  processing: "info",
  succeeded: "success",
  failed: "danger",
  cancelled: "neutral",
  expired: "neutral",
  partially_refunded: "info",
  refunded: "neutral",
};
export const REFUND_STATUS_TONE: Record<RefundStatusKey, Tone> = {
  requested: "warning",
  approved: "info",
  processing: "info",
  succeeded: "success",
  failed: "danger",
  rejected: "neutral",
};

export function isQrMethodKey(method: string): boolean {
  return (QR_METHOD_KEYS as readonly string[]).includes(method);
}

/** A fresh idempotency key for one user intent (a click), reused if that request is retried. */
export function newIdempotencyKey(): string {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** Remaining time as { minutes, seconds } strings, never negative. */
export function splitCountdown(ms: number): { minutes: string; seconds: string; done: boolean } {
  const total = Math.max(0, Math.floor(ms / 1000));
  return { minutes: String(Math.floor(total / 60)).padStart(2, "0"), seconds: String(total % 60).padStart(2, "0"), done: total === 0 };
}

/** "4242 4242 4242 4242" for display. */
export function groupCardNumber(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, "$1 ");
}

/** Luhn checksum (the same rule the server applies), for an instant message next to the field. */
export function looksLikeCardNumber(input: string): boolean {
  const digits = input.replace(/[\s-]/g, "");
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
