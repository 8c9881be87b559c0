import type { FieldIssues } from "@/lib/validation/field-issue";

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
  USER_NOT_FOUND: "NOT_FOUND",
  /** An admin tried to disable or demote their own account. */
  CANNOT_CHANGE_OWN_ACCESS: "CONFLICT",
  /** The change would leave no enabled admin. */
  LAST_ADMIN: "CONFLICT",
  /** The current password given to change it was wrong (fieldErrors.currentPassword). */
  WRONG_PASSWORD: "BAD_REQUEST",
  /** A password reset link that is unknown, expired or already used. */
  RESET_LINK_INVALID: "BAD_REQUEST",
  // API keys
  API_KEY_NOT_FOUND: "NOT_FOUND",
  /** The owner already has the most active keys allowed (`params.limit`). */
  API_KEY_LIMIT_REACHED: "CONFLICT",
  // catalog & inventory
  PRODUCT_NOT_FOUND: "NOT_FOUND",
  PRODUCT_INACTIVE: "BAD_REQUEST",
  OUT_OF_STOCK: "CONFLICT",
  INVENTORY_INCONSISTENT: "CONFLICT",
  /** Another product already has this SKU (fieldErrors.sku). */
  SKU_TAKEN: "CONFLICT",
  CATEGORY_NOT_FOUND: "NOT_FOUND",
  CATEGORY_SLUG_TAKEN: "CONFLICT",
  /** A stock correction below what unpaid or unshipped orders hold (`params.reserved`). */
  STOCK_BELOW_RESERVED: "CONFLICT",
  // favourites & messages
  MESSAGE_NOT_FOUND: "NOT_FOUND",
  // addresses & cart
  ADDRESS_NOT_FOUND: "NOT_FOUND",
  CART_ITEM_NOT_FOUND: "NOT_FOUND",
  CART_EMPTY: "BAD_REQUEST",
  // orders
  ORDER_NOT_FOUND: "NOT_FOUND",
  ORDER_NOT_PAYABLE: "CONFLICT",
  /** Checkout computed another total than the one the shopper was shown (`params`: both totals). */
  TOTAL_CHANGED: "CONFLICT",
  /** An admin confirmed another amount than the one the action would move now (`params.amountMinor`: the current amount). */
  AMOUNT_CHANGED: "CONFLICT",
  /** The order has no notification to send again. */
  NOTHING_TO_RESEND: "CONFLICT",
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
  /** A refund picked an item that is not part of the refunded order (fieldErrors per item). */
  REFUND_ITEM_NOT_IN_ORDER: "BAD_REQUEST",
  /** More of an item than was bought less what refunds already hold (`params.refundable`, `params.name`). */
  REFUND_ITEM_QUANTITY_EXCEEDED: "CONFLICT",
  /** A refund by items asked for more than the items' paid value (`params.maxMinor`). */
  REFUND_AMOUNT_ABOVE_ITEMS: "BAD_REQUEST",
  WEBHOOK_ENDPOINT_NOT_FOUND: "NOT_FOUND",
  /** The URL's host is or resolves to a loopback, private, link-local, metadata or reserved address. */
  WEBHOOK_URL_BLOCKED: "BAD_REQUEST",
  /** Not http(s), or a user name / password in the URL. */
  WEBHOOK_URL_INVALID: "BAD_REQUEST",
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
  /** How isDomainError recognises it: never by `instanceof` (see isDomainError). */
  readonly kind = "domain_error" as const;
  readonly code: DomainErrorCode;
  /** Field-level messages for form errors, keyed by input field name. */
  readonly fieldErrors?: Record<string, string[]>;
  /**
   * Values a page needs to say what happened in the reader's language (the message above is
   * English, for logs and API callers), e.g. the new total of TOTAL_CHANGED.
   */
  readonly params?: Record<string, string | number>;
  /** RATE_LIMITED: whole seconds until the caller may try again (the HTTP answer's Retry-After). */
  readonly retryAfterSeconds?: number;
  /**
   * The field errors as codes a page translates, when the domain code alone does not say what
   * is wrong with the field (see DOMAIN_FIELD_ISSUES in src/server/api/trpc.ts for the rest).
   */
  readonly fieldIssues?: FieldIssues;

  constructor(
    code: DomainErrorCode,
    message: string,
    fieldErrors?: Record<string, string[]>,
    details?: { params?: Record<string, string | number>; retryAfterSeconds?: number; fieldIssues?: FieldIssues },
  ) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.params = details?.params;
    this.retryAfterSeconds = details?.retryAfterSeconds;
    this.fieldIssues = details?.fieldIssues;
  }
}

/**
 * True for a DomainError (of `code`, when given), recognised by its kind and a known code
 * rather than `instanceof`, which a bundler's duplicate of this module would defeat.
 */
export function isDomainError(error: unknown, code?: DomainErrorCode): error is DomainError {
  if (typeof error !== "object" || error === null || (error as { kind?: unknown }).kind !== "domain_error") return false;
  const actual = (error as { code?: unknown }).code;
  return typeof actual === "string" && Object.hasOwn(DOMAIN_ERROR_HTTP, actual) && (code === undefined || actual === code);
}
