import { z } from "zod";
import { EMPTY_PATCH_MESSAGE, hasSomeField, zDate, zDay, zKeysetPageOf, zListCursor, zMinorUnits, zPageOf, zText } from "@/server/validation/fields";
import { ZOrderStatus } from "@/server/domain/order";
import { PAYMENT_METHODS, PAYMENT_STATUSES } from "./payment.machine";
import { REFUND_STATUSES } from "./refund.machine";
import { isValidCardNumber } from "./simulator/test-cards";
import { WEBHOOK_EVENT_TYPES } from "./webhooks/webhook-events";
import { issue } from "@/lib/validation/field-issue";
import { PATTERNS } from "@/lib/validation/patterns";

export const ZPaymentMethod = z.enum(PAYMENT_METHODS, { message: "Choose a payment method" });
export const ZPaymentStatus = z.enum(PAYMENT_STATUSES);
export const ZRefundStatus = z.enum(REFUND_STATUSES);

/** Client-chosen key that makes a retried request safe (a UUID per user intent). */
export const ZIdempotencyKey = zText(100)
  .min(8, "Use at least 8 characters")
  .regex(PATTERNS.idempotencyKey, "Letters, digits and . _ : - only")
  .optional();

// ---------- shopper inputs ----------

export const ZCreatePaymentInput = z.object({
  orderId: z.uuid({ message: "Order not found" }),
  method: ZPaymentMethod,
  idempotencyKey: ZIdempotencyKey,
});
export type CreatePaymentInput = z.input<typeof ZCreatePaymentInput>;

export const ZPayInput = z
  .object({
    paymentId: z.uuid({ message: "Payment not found" }),
    method: ZPaymentMethod,
    card: z.object({ number: zText(30) }).optional(),
    idempotencyKey: ZIdempotencyKey,
  })
  .superRefine((value, ctx) => {
    if (value.method !== "card") return;
    if (!value.card?.number) ctx.addIssue({ code: "custom", path: ["card", "number"], ...issue("card_number_missing", "Enter a card number") });
    else if (!isValidCardNumber(value.card.number)) ctx.addIssue({ code: "custom", path: ["card", "number"], ...issue("card_number_invalid", "This card number is not valid") });
  });
export type PayInput = z.input<typeof ZPayInput>;

export const ZPaymentIdInput = z.object({ paymentId: z.uuid({ message: "Payment not found" }) });
export const ZOrderIdInput = z.object({ orderId: z.uuid({ message: "Order not found" }) });
export const ZQrTokenInput = z.object({ token: zText(64, { trim: false }).min(10) });

export const ZRefundReason = zText(200).min(1, "Tell us why");
/** One item a refund gives back: an order item of the same order and how many of it. */
export const ZRefundItemInput = z.object({
  orderItemId: z.uuid({ message: "This item is not part of the order" }),
  quantity: z.number().int("Enter a whole number").min(1, "At least 1").max(10_000, "Too many"),
});
export type RefundItemInput = z.infer<typeof ZRefundItemInput>;

/**
 * A refund by amount (`amountMinor` alone, as before) or by items (`items`, each once): then
 * the amount is the items' paid value unless `amountMinor` asks for less, never more.
 */
export const ZRequestRefundInput = z
  .object({
    orderId: z.uuid({ message: "Order not found" }),
    amountMinor: zMinorUnits().positive("Enter an amount above zero").optional(),
    reason: ZRefundReason,
    idempotencyKey: ZIdempotencyKey,
    items: z.array(ZRefundItemInput).min(1, "Pick at least one item").max(100, "At most 100 items").optional(),
  })
  .superRefine((value, ctx) => {
    if (value.amountMinor === undefined && !value.items) ctx.addIssue({ code: "custom", path: ["amountMinor"], ...issue("amount_required", "Enter an amount above zero") });
    const ids = value.items?.map((item) => item.orderItemId) ?? [];
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["items"], ...issue("listed_twice", "List each item once") });
  });
export type RequestRefundInput = z.input<typeof ZRequestRefundInput>;

// ---------- admin inputs ----------

/** An admin's direct refund: by amount, or by items like a shopper's request (see ZRequestRefundInput). */
export const ZAdminRefundInput = z
  .object({
    paymentId: z.uuid({ message: "Payment not found" }),
    amountMinor: zMinorUnits().positive("Enter an amount above zero").optional(),
    reason: ZRefundReason,
    idempotencyKey: ZIdempotencyKey,
    items: z.array(ZRefundItemInput).min(1, "Pick at least one item").max(100, "At most 100 items").optional(),
  })
  .superRefine((value, ctx) => {
    if (value.amountMinor === undefined && !value.items) ctx.addIssue({ code: "custom", path: ["amountMinor"], message: "Enter an amount above zero" });
    const ids = value.items?.map((item) => item.orderItemId) ?? [];
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["items"], message: "List each item once" });
  });
export type AdminRefundInput = z.input<typeof ZAdminRefundInput>;

export const ZApproveRefundInput = z.object({ refundId: z.uuid({ message: "Refund not found" }), note: zText(200).optional() });
export const ZRejectRefundInput = z.object({
  refundId: z.uuid({ message: "Refund not found" }),
  note: zText(200).min(1, "Say why the refund is rejected"),
});
export const ZRefundIdInput = z.object({ refundId: z.uuid({ message: "Refund not found" }) });

export const PAYMENT_SORTS = ["created_desc", "created_asc", "amount_desc", "amount_asc"] as const;
export type AdminPaymentsSort = (typeof PAYMENT_SORTS)[number];
export const ZAdminPaymentsInput = z
  .object({
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1).max(100).default(20),
    cursor: zListCursor().optional(),
    status: ZPaymentStatus.optional(),
    method: ZPaymentMethod.optional(),
    from: zDate().optional(),
    to: zDate().optional(),
    orderNo: zText(40).optional(),
    paymentSn: zText(40).optional(),
    minAmountMinor: zMinorUnits().min(0).optional(),
    maxAmountMinor: zMinorUnits().min(0).optional(),
    sort: z.enum(PAYMENT_SORTS).default("created_desc"),
  })
  .refine((v) => v.minAmountMinor === undefined || v.maxAmountMinor === undefined || v.minAmountMinor <= v.maxAmountMinor, {
    ...issue("min_above_max", "The minimum must not exceed the maximum"),
    path: ["maxAmountMinor"],
  });
export type AdminPaymentsInput = z.input<typeof ZAdminPaymentsInput>;

export const ZAdminRefundsInput = z.object({
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
  cursor: zListCursor().optional(),
  status: ZRefundStatus.optional(),
  from: zDate().optional(),
  to: zDate().optional(),
  refundSn: zText(40).optional(),
  orderNo: zText(40).optional(),
  sort: z.enum(PAYMENT_SORTS).default("created_desc"),
});
export type AdminRefundsInput = z.input<typeof ZAdminRefundsInput>;

const ZDay = zDay();
/** A report's date range: whole days in China time, both ends included. */
/** A report's bars: one per day, or one per week (Monday to Sunday) for long ranges. */
export const REPORT_INTERVALS = ["day", "week"] as const;
export type ReportInterval = (typeof REPORT_INTERVALS)[number];

export const ZPaymentReportInput = z
  .object({
    from: ZDay,
    to: ZDay,
    interval: z.enum(REPORT_INTERVALS).optional().describe("day (the default): one entry per day; week: one per week, each starting on its Monday (or on `from`)"),
  })
  .refine((v) => v.from <= v.to, { ...issue("start_after_end", "The start must be before the end"), path: ["to"] })
  .refine((v) => Date.parse(v.to) - Date.parse(v.from) <= 366 * 24 * 3600 * 1000, { ...issue("range_too_long", "Choose at most a year", { days: 366 }), path: ["to"] });
export type PaymentReportInput = z.input<typeof ZPaymentReportInput>;

export const ZWebhookEndpointInput = z.object({
  url: zText(500).pipe(z.url({ protocol: /^https?$/, message: "Enter an http(s) URL" })),
  description: zText(200).optional(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).max(WEBHOOK_EVENT_TYPES.length).optional(),
  enabled: z.boolean().optional(),
  secret: zText(200, { trim: false }).min(16, "Use at least 16 characters").optional(),
});
export type WebhookEndpointInput = z.infer<typeof ZWebhookEndpointInput>;
export const ZWebhookEndpointUpdate = z.object({ id: z.uuid(), input: ZWebhookEndpointInput.partial().refine(hasSomeField, issue("empty_patch", EMPTY_PATCH_MESSAGE)) });

// ---------- outputs ----------

export const ZShopperPayment = z.object({
  id: z.uuid(),
  paymentSn: z.string(),
  orderId: z.uuid(),
  amountMinor: z.number().int(),
  currency: z.string(),
  method: ZPaymentMethod,
  status: ZPaymentStatus,
  attemptCount: z.number().int(),
  expiresAt: z.date(),
  failureCode: z.string().nullable(),
  failureMessage: z.string().nullable(),
  /** QR methods: the simulated phone view's token for the current charge. */
  qrToken: z.string().nullable(),
  refundedMinor: z.number().int(),
  refundableMinor: z.number().int(),
  succeededAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ShopperPayment = z.infer<typeof ZShopperPayment>;

export const ZPayOutcome = z.enum(["succeeded", "failed", "pending", "processing"]);
export const ZPayResult = z.object({ payment: ZShopperPayment, outcome: ZPayOutcome, replayed: z.boolean() });
export type PayResult = z.infer<typeof ZPayResult>;

export const ZShopperRefund = z.object({
  id: z.uuid(),
  refundSn: z.string(),
  paymentId: z.uuid(),
  amountMinor: z.number().int(),
  currency: z.string(),
  reason: z.string(),
  status: ZRefundStatus,
  reviewNote: z.string().nullable(),
  failureCode: z.string().nullable(),
  createdAt: z.date(),
  settledAt: z.date().nullable(),
});
export type ShopperRefund = z.infer<typeof ZShopperRefund>;

/** A refund's share of one order item (refunds by items only). */
export const ZRefundItem = z.object({ orderItemId: z.uuid(), quantity: z.number().int(), amountMinor: z.number().int() });
export type RefundItem = z.infer<typeof ZRefundItem>;

/** An order item as the refund form needs it: paid price, bought, held by refunds, still refundable. */
export const ZRefundableItem = z.object({
  orderItemId: z.uuid(),
  name: z.string(),
  nameZh: z.string(),
  unitPriceMinor: z.number().int(),
  quantity: z.number().int(),
  refundedQuantity: z.number().int(),
  refundableQuantity: z.number().int(),
});
export type RefundableItem = z.infer<typeof ZRefundableItem>;

export const ZTestCard = z.object({ number: z.string(), outcome: z.string() });

export const ZCashierView = z.object({
  order: z.object({
    id: z.uuid(),
    orderNo: z.string(),
    status: z.string(),
    currency: z.string(),
    itemsTotalMinor: z.number().int(),
    shippingFeeMinor: z.number().int(),
    payableTotalMinor: z.number().int(),
    paymentDeadlineAt: z.date().nullable(),
    items: z.array(z.object({ name: z.string(), nameZh: z.string(), quantity: z.number().int(), lineTotalMinor: z.number().int() })),
  }),
  payment: ZShopperPayment.nullable(),
  methods: z.array(ZPaymentMethod),
  testCards: z.array(ZTestCard),
  /** The server's clock, so the countdown does not trust the browser's. */
  serverNow: z.date(),
});
export type CashierView = z.infer<typeof ZCashierView>;

export const ZPaymentHistoryEntry = z.object({ fromStatus: z.string().nullable(), toStatus: z.string().nullable(), message: z.string().nullable(), createdAt: z.date() });

export const ZOrderPaymentSection = z.object({
  orderId: z.uuid(),
  orderStatus: z.string(),
  currency: z.string(),
  payableTotalMinor: z.number().int(),
  payments: z.array(ZShopperPayment.extend({ history: z.array(ZPaymentHistoryEntry) })),
  refunds: z.array(ZShopperRefund.extend({ items: z.array(ZRefundItem), reviewedAt: z.date().nullable() })),
  refundableMinor: z.number().int(),
  /** What was captured, what came back (succeeded refunds) and what refunds still hold. */
  paidMinor: z.number().int(),
  refundedMinor: z.number().int(),
  refundPendingMinor: z.number().int(),
  items: z.array(ZRefundableItem),
  canPay: z.boolean(),
  canRequestRefund: z.boolean(),
});
export type OrderPaymentSection = z.infer<typeof ZOrderPaymentSection>;

export const ZQrChargeView = z.object({
  merchantRef: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  method: ZPaymentMethod,
  status: z.enum(["pending", "succeeded", "failed", "closed"]),
  failureCode: z.string().nullable(),
  expiresAt: z.date().nullable(),
});

// ---------- admin outputs ----------

const ZOrderStatusName = ZOrderStatus;
const ZRequestedBy = z.enum(["shopper", "admin", "system"]);

export const ZAdminPaymentSummary = z.object({
  id: z.uuid(),
  paymentSn: z.string(),
  orderId: z.uuid(),
  orderNo: z.string(),
  shopperEmail: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  method: ZPaymentMethod,
  status: ZPaymentStatus,
  attemptCount: z.number().int(),
  refundedMinor: z.number().int(),
  failureCode: z.string().nullable(),
  createdAt: z.date(),
  expiresAt: z.date(),
});
export const ZAdminPaymentListOutput = zKeysetPageOf(ZAdminPaymentSummary);

/** One line of the payment log (who moved a payment or refund, from what to what). */
export const ZPaymentLogEntry = z.object({
  id: z.number().int(),
  paymentId: z.uuid().nullable(),
  refundId: z.uuid().nullable(),
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  actor: z.enum(["shopper", "admin", "system", "workflow", "gateway"]),
  actorId: z.string().nullable(),
  requestId: z.string().nullable(),
  /** The system's reason code and its parameters (src/lib/audit-reasons.ts); null on rows older than codes. */
  reasonCode: z.string().nullable(),
  reasonParams: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  /** A technical note for developers (gateway answers, keys), or a person's note. */
  message: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.date(),
});

/** A refund as an admin sees it (the shopper's view plus who asked, who reviewed, the gateway's reference). */
export const ZAdminRefund = ZShopperRefund.extend({
  orderId: z.uuid(),
  requestedBy: ZRequestedBy,
  reviewedBy: z.string().nullable(),
  reviewedAt: z.date().nullable(),
  submittedAt: z.date().nullable(),
  providerRefundId: z.string().nullable(),
  failureMessage: z.string().nullable(),
  updatedAt: z.date(),
});

export const ZWebhookDeliverySummary = z.object({
  id: z.uuid(),
  endpointId: z.uuid(),
  url: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(["pending", "failed", "delivered"]),
  attempts: z.number().int(),
  nextAttemptAt: z.date(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.date().nullable(),
  createdAt: z.date(),
  attemptLog: z.array(z.object({ attemptNo: z.number().int(), statusCode: z.number().int().nullable(), latencyMs: z.number(), error: z.string().nullable(), createdAt: z.date() })),
});

/** A charge as the (simulated) gateway recorded it, for reconciliation by eye. */
export const ZGatewayCharge = z.object({
  chargeId: z.string(),
  chargeKey: z.string(),
  merchantRef: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  method: z.string(),
  status: z.string(),
  failureCode: z.string().nullable(),
  failureMessage: z.string().nullable(),
  cardLast4: z.string().nullable(),
  settledAt: z.date().nullable(),
});

/** A payment with its order, shopper, log, refunds, webhook deliveries and gateway charges. */
export const ZAdminPayment = z.object({
  id: z.uuid(),
  paymentSn: z.string(),
  orderId: z.uuid(),
  amountMinor: z.number().int(),
  currency: z.string(),
  method: ZPaymentMethod,
  status: ZPaymentStatus,
  provider: z.string(),
  attemptCount: z.number().int(),
  currentChargeKey: z.string().nullable(),
  providerChargeId: z.string().nullable(),
  qrToken: z.string().nullable(),
  expiresAt: z.date(),
  refundedMinor: z.number().int(),
  refundReservedMinor: z.number().int(),
  failureCode: z.string().nullable(),
  failureMessage: z.string().nullable(),
  succeededAt: z.date().nullable(),
  closedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  order: z.object({ id: z.uuid(), orderNo: z.string(), status: ZOrderStatusName, payableTotalMinor: z.number().int() }),
  shopper: z.object({ email: z.string(), name: z.string() }),
  log: z.array(ZPaymentLogEntry),
  refunds: z.array(ZAdminRefund),
  deliveries: z.array(ZWebhookDeliverySummary),
  gatewayCharges: z.array(ZGatewayCharge),
});

export const ZAdminRefundSummary = z.object({
  id: z.uuid(),
  refundSn: z.string(),
  paymentId: z.uuid(),
  paymentSn: z.string(),
  orderId: z.uuid(),
  orderNo: z.string(),
  shopperEmail: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  reason: z.string(),
  status: ZRefundStatus,
  requestedBy: ZRequestedBy,
  createdAt: z.date(),
  settledAt: z.date().nullable(),
});
export const ZAdminRefundListOutput = zKeysetPageOf(ZAdminRefundSummary);

export const ZAdminRefundDetail = ZAdminRefund.extend({
  payment: z.object({ id: z.uuid(), paymentSn: z.string(), status: ZPaymentStatus, amountMinor: z.number().int(), refundedMinor: z.number().int(), refundReservedMinor: z.number().int() }),
  order: z.object({ id: z.uuid(), orderNo: z.string(), status: ZOrderStatusName }),
  shopperEmail: z.string(),
  log: z.array(ZPaymentLogEntry),
});

export const ZRefundResult = z.object({ refund: ZShopperRefund, replayed: z.boolean() });
export const ZAdminCancelPaymentInput = ZPaymentIdInput.extend({ reason: zText(200).optional() });
export const ZGatewayQueryResult = z.object({ outcome: ZPayOutcome, status: z.string(), skipped: z.boolean().optional() });

/** Settings are edited as a patch of the fields to change (validated against the whole settings). */
export const ZSettingsPatchInput = z.object({ patch: z.record(zText(40), z.unknown()).refine(hasSomeField, issue("empty_patch", EMPTY_PATCH_MESSAGE)) });

const ZCountsByStatus = z.record(ZPaymentStatus, z.number());
const ZCountsByMethod = z.record(ZPaymentMethod, z.number());
/** Payments per day (China time) of a date range, with totals and the split by method. */
export const ZPaymentReport = z.object({
  from: z.string(),
  to: z.string(),
  interval: z.enum(REPORT_INTERVALS),
  days: z.array(
    z.object({
      day: z.string().describe("The period's first day: the day itself, or with interval week its Monday (the first week starts on `from`)"),
      count: z.number().int(),
      countByStatus: ZCountsByStatus,
      amountByStatus: ZCountsByStatus,
      countByMethod: ZCountsByMethod,
      amountByMethod: ZCountsByMethod,
      capturedMinor: z.number().int(),
      refundedMinor: z.number().int(),
    }),
  ),
  totals: z.object({
    count: z.number().int(),
    captured: z.number().int(),
    capturedMinor: z.number().int(),
    refundedMinor: z.number().int(),
    attempts: z.number().int().describe("Charge attempts of the range's payments"),
    successRate: z.number().nullable().describe("By final outcome: captured / payments that ended (captured, failed, cancelled, expired)"),
    successRateByAttempt: z.number().nullable().describe("By attempt: captured / charge attempts"),
    refundRate: z.number().nullable(),
  }),
  byMethod: z.array(
    z.object({
      method: ZPaymentMethod,
      count: z.number().int(),
      captured: z.number().int(),
      capturedMinor: z.number().int(),
      attempts: z.number().int(),
      successRate: z.number().nullable(),
      successRateByAttempt: z.number().nullable(),
    }),
  ),
});

/** A webhook endpoint; its signing secret is only hinted at (the full secret is shown once, at creation). */
export const ZWebhookEndpoint = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  secretHint: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export const ZWebhookEndpointWithCounts = ZWebhookEndpoint.extend({
  deliveries: z.object({ delivered: z.number().int(), pending: z.number().int(), failed: z.number().int() }),
});
export const ZCreatedWebhookEndpoint = ZWebhookEndpoint.extend({ secret: z.string() });
export const ZWebhookDeliveryState = z.object({ id: z.uuid(), status: z.enum(["pending", "failed", "delivered"]) });

/** Admin → Webhooks: every delivery (all endpoints), newest first, a page at a time. */
export const ZAdminWebhookDeliveryPage = zPageOf(
  z.object({
    id: z.uuid(),
    url: z.string(),
    eventType: z.string(),
    paymentId: z.uuid().nullable(),
    status: z.enum(["pending", "failed", "delivered"]),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.date(),
  }),
);
