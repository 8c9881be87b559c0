import { z } from "zod";
import { EMPTY_PATCH_MESSAGE, hasSomeField, zDate, zDay, zMinorUnits, zText } from "@/server/validation/fields";
import { PAYMENT_METHODS, PAYMENT_STATUSES } from "./payment.machine";
import { REFUND_STATUSES } from "./refund.machine";
import { isValidCardNumber } from "./simulator/test-cards";
import { WEBHOOK_EVENT_TYPES } from "./webhooks/webhook-events";

export const ZPaymentMethod = z.enum(PAYMENT_METHODS, { message: "Choose a payment method" });
export const ZPaymentStatus = z.enum(PAYMENT_STATUSES);
export const ZRefundStatus = z.enum(REFUND_STATUSES);

/** Client-chosen key that makes a retried request safe (a UUID per user intent). */
export const ZIdempotencyKey = zText(100)
  .min(8, "Use at least 8 characters")
  .regex(/^[A-Za-z0-9._:-]+$/, "Letters, digits and . _ : - only")
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
    if (!value.card?.number) ctx.addIssue({ code: "custom", path: ["card", "number"], message: "Enter a card number" });
    else if (!isValidCardNumber(value.card.number)) ctx.addIssue({ code: "custom", path: ["card", "number"], message: "This card number is not valid" });
  });
export type PayInput = z.input<typeof ZPayInput>;

export const ZPaymentIdInput = z.object({ paymentId: z.uuid({ message: "Payment not found" }) });
export const ZOrderIdInput = z.object({ orderId: z.uuid({ message: "Order not found" }) });
export const ZQrTokenInput = z.object({ token: zText(64, { trim: false }).min(10) });

export const ZRefundReason = zText(200).min(1, "Tell us why");
export const ZRequestRefundInput = z.object({
  orderId: z.uuid({ message: "Order not found" }),
  amountMinor: zMinorUnits().positive("Enter an amount above zero"),
  reason: ZRefundReason,
  idempotencyKey: ZIdempotencyKey,
});
export type RequestRefundInput = z.input<typeof ZRequestRefundInput>;

// ---------- admin inputs ----------

export const ZAdminRefundInput = z.object({
  paymentId: z.uuid({ message: "Payment not found" }),
  amountMinor: zMinorUnits().positive("Enter an amount above zero"),
  reason: ZRefundReason,
  idempotencyKey: ZIdempotencyKey,
});
export type AdminRefundInput = z.input<typeof ZAdminRefundInput>;

export const ZApproveRefundInput = z.object({ refundId: z.uuid({ message: "Refund not found" }), note: zText(200).optional() });
export const ZRejectRefundInput = z.object({
  refundId: z.uuid({ message: "Refund not found" }),
  note: zText(200).min(1, "Say why the refund is rejected"),
});
export const ZRefundIdInput = z.object({ refundId: z.uuid({ message: "Refund not found" }) });

export const PAYMENT_SORTS = ["created_desc", "created_asc", "amount_desc", "amount_asc"] as const;
export const ZAdminPaymentsInput = z
  .object({
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1).max(100).default(20),
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
    message: "The minimum must not exceed the maximum",
    path: ["maxAmountMinor"],
  });
export type AdminPaymentsInput = z.input<typeof ZAdminPaymentsInput>;

export const ZAdminRefundsInput = z.object({
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
  status: ZRefundStatus.optional(),
  from: zDate().optional(),
  to: zDate().optional(),
  refundSn: zText(40).optional(),
  orderNo: zText(40).optional(),
  sort: z.enum(["created_desc", "created_asc", "amount_desc", "amount_asc"]).default("created_desc"),
});
export type AdminRefundsInput = z.input<typeof ZAdminRefundsInput>;

const ZDay = zDay();
/** A report's date range: whole days in China time, both ends included. */
export const ZPaymentReportInput = z
  .object({ from: ZDay, to: ZDay })
  .refine((v) => v.from <= v.to, { message: "The start must be before the end", path: ["to"] })
  .refine((v) => Date.parse(v.to) - Date.parse(v.from) <= 366 * 24 * 3600 * 1000, { message: "Choose at most a year", path: ["to"] });
export type PaymentReportInput = z.input<typeof ZPaymentReportInput>;

export const ZWebhookEndpointInput = z.object({
  url: zText(500).pipe(z.url({ protocol: /^https?$/, message: "Enter an http(s) URL" })),
  description: zText(200).optional(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).max(WEBHOOK_EVENT_TYPES.length).optional(),
  enabled: z.boolean().optional(),
  secret: zText(200, { trim: false }).min(16, "Use at least 16 characters").optional(),
});
export type WebhookEndpointInput = z.infer<typeof ZWebhookEndpointInput>;
export const ZWebhookEndpointUpdate = z.object({ id: z.uuid(), input: ZWebhookEndpointInput.partial().refine(hasSomeField, EMPTY_PATCH_MESSAGE) });

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
  refunds: z.array(ZShopperRefund),
  refundableMinor: z.number().int(),
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
