import { z } from "zod";
import { zDate, zKeysetPageOf, zListCursor, zText } from "@/server/validation/fields";
import { ORDER_STATUSES } from "./order.machine";

export const ZOrderStatus = z.enum(ORDER_STATUSES);

export const ZCheckoutInput = z.object({
  addressId: z.uuid({ message: "Choose a delivery address" }),
  /** Buy now: order these lines instead of the cart. */
  items: z
    .array(z.object({ productId: z.uuid(), quantity: z.number().int().min(1).max(99) }))
    .min(1)
    .max(50)
    .optional(),
  note: zText(200).optional(),
  /** Shipping option chosen at checkout (offered by the logistics module). */
  shipping: z.object({ carrierCode: zText(32).min(1), serviceLevel: zText(32).min(1) }).optional(),
  /**
   * The total (minor units) the shopper was shown next to "Place order". When given, checkout
   * compares it with the total it computes inside its transaction and refuses a difference
   * (TOTAL_CHANGED, nothing written), so nobody is charged a figure they did not see.
   *
   * Optional on purpose: API callers that never show a total (the simulation generator, the
   * benchmark, integrations written before this field) keep working and are charged the
   * server's figure, which they read from the answer. The checkout page always sends it.
   */
  expectedTotal: z.number().int("Use whole minor units").min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export type CheckoutInput = z.input<typeof ZCheckoutInput>;

export const ZOrderId = z.object({ id: z.uuid({ message: "Order not found" }) });
export const ZOrderLookup = z.object({ orderNo: zText(40).min(1) });

export const ZMyOrdersInput = z.object({
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(50).default(10),
  status: ZOrderStatus.optional(),
});

export const ADMIN_ORDER_SORTS = ["created_desc", "created_asc"] as const;
export type AdminOrdersSort = (typeof ADMIN_ORDER_SORTS)[number];
export const ZAdminOrdersInput = z.object({
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
  cursor: zListCursor().optional(),
  sort: z.enum(ADMIN_ORDER_SORTS).default("created_desc"),
  status: ZOrderStatus.optional(),
  orderNo: zText(40).optional(),
  shopper: zText(100).optional(),
  from: zDate().optional(),
  to: zDate().optional(),
});
export type AdminOrdersInput = z.input<typeof ZAdminOrdersInput>;

/** The delivery address as snapshotted on the order (and, with the province's English name, on its shipment). */
export const ZAddressSnapshot = z.object({
  recipient: z.string(),
  phone: z.string(),
  province: z.string(),
  city: z.string(),
  district: z.string(),
  detail: z.string(),
});

export const ZOrderSummary = z.object({
  id: z.uuid(),
  orderNo: z.string(),
  status: ZOrderStatus,
  paymentStatus: z.string(),
  logisticsStatus: z.string(),
  currency: z.string(),
  payableTotalMinor: z.number().int(),
  itemCount: z.number().int(),
  createdAt: z.date(),
});
export type OrderSummary = z.infer<typeof ZOrderSummary>;

export const ZOrderItem = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  sku: z.string(),
  /** The names at checkout, English and Simplified Chinese (empty when there was none). */
  name: z.string(),
  nameZh: z.string(),
  /** The product's picture today (not a snapshot: a picture is not part of what was bought). */
  imageUrl: z.string().nullable(),
  unitPriceMinor: z.number().int(),
  quantity: z.number().int(),
  lineTotalMinor: z.number().int(),
});

/** What a shopper may see of their own order. */
export const ZShopperOrder = z.object({
  id: z.uuid(),
  orderNo: z.string(),
  status: ZOrderStatus,
  paymentStatus: z.string(),
  logisticsStatus: z.string(),
  paymentSn: z.string().nullable(),
  logisticsSn: z.string().nullable(),
  currency: z.string(),
  itemsTotalMinor: z.number().int(),
  shippingFeeMinor: z.number().int(),
  payableTotalMinor: z.number().int(),
  shippingAddress: ZAddressSnapshot,
  carrierCode: z.string().nullable(),
  serviceLevel: z.string().nullable(),
  note: z.string().nullable(),
  paymentDeadlineAt: z.date().nullable(),
  paidAt: z.date().nullable(),
  shippedAt: z.date().nullable(),
  deliveredAt: z.date().nullable(),
  completedAt: z.date().nullable(),
  cancelledAt: z.date().nullable(),
  createdAt: z.date(),
  items: z.array(ZOrderItem),
  history: z.array(z.object({ fromStatus: z.string().nullable(), toStatus: z.string(), actor: z.string(), createdAt: z.date() })),
});
export type ShopperOrder = z.infer<typeof ZShopperOrder>;

/** The carrier and service an order was bought with, named in both languages (null: no longer known). */
export const ZShippingServiceNames = z.object({
  carrierNameEn: z.string(),
  carrierNameZh: z.string(),
  serviceNameEn: z.string().nullable(),
  serviceNameZh: z.string().nullable(),
});

/** A shopper's order as its page shows it: the order plus the names of its delivery service. */
export const ZShopperOrderDetail = ZShopperOrder.extend({ shippingService: ZShippingServiceNames.nullable() });
export type ShopperOrderDetail = z.infer<typeof ZShopperOrderDetail>;

// ---------- admin ----------

export const ZAdminOrderSummary = ZOrderSummary.omit({ itemCount: true }).extend({ shopperEmail: z.string(), shopperName: z.string() });
export const ZAdminOrderListOutput = zKeysetPageOf(ZAdminOrderSummary);

/** One change of an order's status, with who made it and why. */
export const ZOrderStatusLogEntry = z.object({
  id: z.number().int(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  actor: z.enum(["shopper", "admin", "system", "workflow"]),
  actorId: z.string().nullable(),
  /** The system's reason code and its parameters (src/lib/audit-reasons.ts); null on rows older than codes. */
  reasonCode: z.string().nullable(),
  reasonParams: z.record(z.string(), z.union([z.string(), z.number()])).nullable(),
  /** Free text a person typed (an admin's note); on rows older than reason codes, the English reason of the past. */
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  createdAt: z.date(),
});

/** Any order as an admin sees it: the shopper's view plus who the shopper is and the full status log. */
export const ZAdminOrder = ZShopperOrder.extend({
  shopper: z.object({ id: z.uuid(), email: z.string(), name: z.string() }),
  statusLog: z.array(ZOrderStatusLogEntry),
});

export const ZAdminCancelOrderInput = ZOrderId.extend({ reason: zText(200).optional() });
export const ZOrderStatusChange = z.object({ id: z.uuid(), status: ZOrderStatus });
