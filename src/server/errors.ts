/**
 * The closed vocabulary of expected failures. Services throw `DomainError(code, message)`;
 * `src/server/api/trpc.ts` maps each code to a tRPC code (and so to an HTTP status) in one place.
 * Add a code here when a module needs a new one; never `throw new Error` for an expected case.
 */
export const DOMAIN_ERROR_HTTP = {
  // generic
  VALIDATION_FAILED: "BAD_REQUEST",
  NOT_FOUND: "NOT_FOUND",
  INVALID_TRANSITION: "CONFLICT",
  CONCURRENT_UPDATE: "CONFLICT",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  FORBIDDEN: "FORBIDDEN",
  // auth & users
  EMAIL_TAKEN: "CONFLICT",
  // catalog & inventory
  PRODUCT_NOT_FOUND: "NOT_FOUND",
  PRODUCT_INACTIVE: "BAD_REQUEST",
  OUT_OF_STOCK: "CONFLICT",
  INVENTORY_INCONSISTENT: "CONFLICT",
  // addresses & cart
  ADDRESS_NOT_FOUND: "NOT_FOUND",
  CART_ITEM_NOT_FOUND: "NOT_FOUND",
  CART_EMPTY: "BAD_REQUEST",
  // orders
  ORDER_NOT_FOUND: "NOT_FOUND",
  ORDER_NOT_PAYABLE: "CONFLICT",
  // payments & refunds
  PAYMENT_NOT_FOUND: "NOT_FOUND",
  PAYMENT_EXPIRED: "CONFLICT",
  PAYMENT_NOT_EXPIRED: "CONFLICT",
  PAYMENT_CLOSED: "CONFLICT",
  PAYMENT_METHOD_DISABLED: "BAD_REQUEST",
  PAYMENT_AMOUNT_MISMATCH: "CONFLICT",
  PAYMENT_ALREADY_OPEN: "CONFLICT",
  IDEMPOTENCY_KEY_REUSED: "CONFLICT",
  REFUND_NOT_FOUND: "NOT_FOUND",
  REFUND_EXCEEDS_CAPTURED: "CONFLICT",
  REFUND_WINDOW_CLOSED: "CONFLICT",
  REFUND_NOT_ALLOWED: "CONFLICT",
  WEBHOOK_ENDPOINT_NOT_FOUND: "NOT_FOUND",
  NOTIFICATION_INVALID: "UNAUTHORIZED",
  // logistics
  SHIPMENT_NOT_FOUND: "NOT_FOUND",
  CARRIER_NOT_FOUND: "NOT_FOUND",
  CARRIER_CODE_TAKEN: "CONFLICT",
  COURIER_NOT_FOUND: "NOT_FOUND",
  NO_SHIPPING_OPTION: "BAD_REQUEST",
  ORDER_NOT_SHIPPABLE: "CONFLICT",
  NO_COURIER_AVAILABLE: "CONFLICT",
  NOTHING_TO_ADVANCE: "CONFLICT",
  // tasks & simulation
  TASK_NOT_FOUND: "NOT_FOUND",
  SIMULATION_RUNNING: "CONFLICT",
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_HTTP;

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** Field-level messages for form errors, keyed by input field name. */
  readonly fieldErrors?: Record<string, string[]>;
  /** RATE_LIMITED: whole seconds until the caller may try again (the HTTP answer's Retry-After). */
  readonly retryAfterSeconds?: number;

  constructor(code: DomainErrorCode, message: string, fieldErrors?: Record<string, string[]>, details?: { retryAfterSeconds?: number }) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.retryAfterSeconds = details?.retryAfterSeconds;
  }
}

export function isDomainError(error: unknown, code?: DomainErrorCode): error is DomainError {
  return error instanceof DomainError && (code === undefined || error.code === code);
}
