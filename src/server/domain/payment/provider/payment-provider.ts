import type { PaymentMethod } from "../payment.machine";

/**
 * The boundary between the shop and a payment gateway. The payment flows talk only to this
 * interface; the simulated gateway is one implementation and a real one (Stripe, Alipay)
 * would be another, without touching the flows.
 *
 * Every call is idempotent on OUR key (charge key = payment_sn + attempt, refund key =
 * refund_sn), so retrying after a lost response can never charge or refund twice.
 */
export type ChargeStatus = "pending" | "succeeded" | "failed" | "closed";

export type ProviderCharge = {
  chargeId: string;
  chargeKey: string;
  merchantRef: string;
  amountMinor: number;
  currency: string;
  method: string;
  status: ChargeStatus;
  failureCode: string | null;
  failureMessage: string | null;
  /** QR methods: the token the payer's phone scans. */
  qrToken: string | null;
  cardLast4: string | null;
  settledAt: Date | null;
};

export type CreateChargeInput = {
  chargeKey: string;
  merchantRef: string;
  attempt: number;
  amountMinor: number;
  currency: string;
  method: PaymentMethod;
  card?: { number: string };
  /** The gateway refuses to settle the charge after this instant. */
  expiresAt: Date;
  description: string;
};

export type RefundStatusAtProvider = "pending" | "succeeded" | "failed";

export type ProviderRefund = {
  refundId: string;
  refundKey: string;
  chargeId: string;
  amountMinor: number;
  currency: string;
  status: RefundStatusAtProvider;
  failureCode: string | null;
  failureMessage: string | null;
  settledAt: Date | null;
};

export type CreateRefundInput = { refundKey: string; chargeKey: string; amountMinor: number; currency: string; reason: string };

export type ChargeNotification = {
  id: string;
  type: "charge.succeeded" | "charge.failed";
  createdAt: string;
  data: { chargeId: string; chargeKey: string; merchantRef: string; amountMinor: number; currency: string; failureCode: string | null; failureMessage: string | null };
};
export type RefundNotification = {
  id: string;
  type: "refund.succeeded" | "refund.failed";
  createdAt: string;
  data: { refundId: string; refundKey: string; chargeId: string; amountMinor: number; currency: string; failureCode: string | null; failureMessage: string | null };
};
export type ProviderNotification = ChargeNotification | RefundNotification;

export type NotificationVerification =
  | { ok: true; notification: ProviderNotification }
  | { ok: false; reason: "missing_headers" | "malformed" | "bad_signature" | "stale_timestamp"; claimedId?: string };

export interface PaymentProvider {
  readonly name: string;
  /** Creates (or, for a known key, returns) a charge. Throws ProviderTimeoutError when the answer is lost. */
  createCharge(input: CreateChargeInput): Promise<ProviderCharge>;
  /** The provider's truth about a charge; null when it never received the request. */
  queryCharge(chargeKey: string): Promise<ProviderCharge | null>;
  /**
   * Closes a charge so it can never be paid. Returns the charge as it ends up: `closed`, or
   * `succeeded`/`failed` when it settled first. A key it never saw is closed for good.
   */
  closeCharge(input: { chargeKey: string; merchantRef: string }): Promise<ProviderCharge>;
  /** Requests (or, for a known key, returns) a refund; settles asynchronously. Throws ProviderRejectedError. */
  createRefund(input: CreateRefundInput): Promise<ProviderRefund>;
  queryRefund(refundKey: string): Promise<ProviderRefund | null>;
  /** Charges that succeeded in [since, until), newest first, for reconciling the ledger with the shop. */
  listSucceededCharges(input: { since: Date; until: Date; limit: number }): Promise<ProviderCharge[]>;
  /** Checks a notification's signature and timestamp and parses it. Pure: no side effects. */
  verifyNotification(input: { headers: Headers; rawBody: string; now?: Date }): NotificationVerification;
}

/**
 * Provider errors are recognised by their `kind`, never with `instanceof`: a provider adapter
 * may be loaded from another package (or a bundler may duplicate a module), and a check by
 * kind holds wherever the error was made. Always use isProviderTimeoutError /
 * isProviderRejectedError.
 */
export type ProviderErrorKind = "provider_timeout" | "provider_rejected";

function hasKind(error: unknown, kind: ProviderErrorKind): boolean {
  return typeof error === "object" && error !== null && (error as { kind?: unknown }).kind === kind;
}

/** The request may or may not have been applied: ask the provider (queryCharge) to find out. */
export class ProviderTimeoutError extends Error {
  readonly kind = "provider_timeout" as const;
  constructor(message = "The payment gateway did not answer in time") {
    super(message);
    this.name = "ProviderTimeoutError";
  }
}

/** The provider refused the request outright; nothing was applied. */
export class ProviderRejectedError extends Error {
  readonly kind = "provider_rejected" as const;
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "ProviderRejectedError";
    this.code = code;
  }
}

/** A lost answer (recognised by its kind). */
export function isProviderTimeoutError(error: unknown): error is ProviderTimeoutError {
  return hasKind(error, "provider_timeout");
}

/** An outright refusal with its code (recognised by its kind). */
export function isProviderRejectedError(error: unknown): error is ProviderRejectedError {
  return hasKind(error, "provider_rejected") && typeof (error as { code?: unknown }).code === "string";
}
