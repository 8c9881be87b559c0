import { z } from "zod";
import type { DbOrTx } from "@/server/db/client";
import { logisticsTimelineRows, shipmentLinkOfOrder } from "@/server/domain/logistics";
import { notificationsOfOrder } from "@/server/domain/notification";
import { getOrderForAdmin, orderTimelineRows } from "@/server/domain/order";
import { ZRefundableItem, paymentTimelineRows, paymentsOfOrder, refundableItemsOf } from "@/server/domain/payment";

export const TIMELINE_SOURCES = ["order", "payment", "gateway", "refund", "webhook", "shipment", "checkpoint", "notification", "admin"] as const;
const ZParam = z.union([z.string(), z.number(), z.null()]);

/** One thing that happened to an order. Labels are built from `source` + `kind` + `params` + the reason code; `details` is for developers. */
export const ZOrderTimelineEntry = z.object({
  /** `<source>:<row id>`, unique within the timeline. */
  id: z.string(),
  at: z.date(),
  source: z.enum(TIMELINE_SOURCES),
  /** The row's code: a payment-log kind, a checkpoint kind, a notification kind, an admin action; `status` for plain status changes. */
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  actor: z.string().nullable(),
  actorId: z.string().nullable(),
  requestId: z.string().nullable(),
  /** The object it concerns, to link to. */
  ref: z.object({ type: z.enum(["payment", "refund", "shipment"]), id: z.uuid(), label: z.string() }).nullable(),
  params: z.record(z.string(), ZParam),
  /** Why, as stored: the system's reason code and its parameters (src/lib/audit-reasons.ts)... */
  reasonCode: z.string().nullable(),
  reasonParams: z.record(z.string(), ZParam).nullable(),
  /** ...and free text a person typed (or, on old rows, the English reason of the past), shown as written. */
  note: z.string().nullable(),
  /** What the row itself says (log message, gateway data), verbatim. */
  details: z.string().nullable(),
});
export type OrderTimelineEntry = z.infer<typeof ZOrderTimelineEntry>;
export const ZOrderTimeline = z.object({ orderId: z.uuid(), entries: z.array(ZOrderTimelineEntry) });

/** An entry with its row's serial, the last tie-breaker of the sort. */
type Sortable = OrderTimelineEntry & { seq: number };
type OrderRows = Awaited<ReturnType<typeof orderTimelineRows>>;
type LogisticsRows = Awaited<ReturnType<typeof logisticsTimelineRows>>;

// When two rows share an instant (one transaction), cause before effect.
const RANK: Record<OrderTimelineEntry["source"], number> = { order: 0, payment: 1, gateway: 2, refund: 3, shipment: 4, checkpoint: 5, notification: 6, webhook: 7, admin: 8 };

const BLANK = { fromStatus: null, toStatus: null, actor: null, actorId: null, requestId: null, ref: null, params: {}, reasonCode: null, reasonParams: null, note: null, details: null };

const paymentSource = (kind: string): OrderTimelineEntry["source"] =>
  kind.startsWith("refund_") ? "refund" : kind === "webhook_attempt" ? "webhook" : kind.startsWith("gateway_") || kind.startsWith("notification_") ? "gateway" : "payment";

const detailsOf = (message: string | null, data: unknown) => [message, data && Object.keys(data).length > 0 ? JSON.stringify(data) : null].filter(Boolean).join(" · ") || null;

/** Reason params as the entry carries them: strings and numbers only. */
const paramsOf = (params: Record<string, unknown> | null) =>
  params ? Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "number" || v === null ? v : String(v)])) : null;

/** An order status change. */
function fromOrderStatus(r: OrderRows["statusLog"][number]): Sortable {
  return {
    ...BLANK,
    id: `order:${r.id}`,
    seq: r.id,
    at: r.createdAt,
    source: "order",
    kind: "status",
    fromStatus: r.fromStatus,
    toStatus: r.toStatus,
    actor: r.actor,
    actorId: r.actorId,
    requestId: r.requestId,
    reasonCode: r.reasonCode,
    reasonParams: paramsOf(r.reasonParams),
    note: r.reason,
  };
}

/** Something an admin did that left no status change of its own. */
function fromAdminAction(r: OrderRows["adminActions"][number]): Sortable {
  return { ...BLANK, id: `admin:${r.id}`, seq: r.id, at: r.createdAt, source: "admin", kind: r.action, actor: "admin", actorId: r.adminId, requestId: r.requestId, params: r.data, details: JSON.stringify(r.data) };
}

/** A payment-log row: a payment or refund state change, a gateway exchange, a webhook attempt. */
function fromPaymentLog(r: Awaited<ReturnType<typeof paymentTimelineRows>>[number]): Sortable {
  const data = (r.data ?? {}) as Record<string, unknown>;
  return {
    ...BLANK,
    id: `payment:${r.id}`,
    seq: r.id,
    at: r.createdAt,
    source: paymentSource(r.kind),
    kind: r.kind,
    fromStatus: r.fromStatus,
    toStatus: r.toStatus,
    actor: r.actor,
    actorId: r.actorId,
    requestId: r.requestId,
    ref: r.refundId && r.refundSn ? { type: "refund", id: r.refundId, label: r.refundSn } : { type: "payment", id: r.paymentId, label: r.paymentSn },
    params: {
      currency: r.currency,
      amountMinor: r.refundId ? r.refundAmountMinor : r.amountMinor,
      statusCode: typeof data.statusCode === "number" ? data.statusCode : null,
    },
    reasonCode: r.reasonCode,
    reasonParams: paramsOf(r.reasonParams),
    details: detailsOf(r.message, r.data),
  };
}

/** A shipment status change. */
function fromShipmentStatus(r: LogisticsRows["statusLog"][number]): Sortable {
  return {
    ...BLANK,
    id: `shipment:${r.id}`,
    seq: r.id,
    at: r.createdAt,
    source: "shipment",
    kind: "status",
    fromStatus: r.fromStatus,
    toStatus: r.toStatus,
    actor: r.actor,
    actorId: r.actorId,
    requestId: r.requestId,
    ref: { type: "shipment", id: r.shipmentId, label: r.trackingNo },
    reasonCode: r.reasonCode,
    reasonParams: paramsOf(r.reasonParams),
    note: r.reason,
  };
}

/** A tracking checkpoint already recorded, with its text in both languages. */
function fromCheckpoint(r: LogisticsRows["checkpoints"][number]): Sortable {
  return {
    ...BLANK,
    id: `checkpoint:${r.id}`,
    seq: r.id,
    at: r.at,
    source: "checkpoint",
    kind: r.kind,
    toStatus: r.status,
    actor: "workflow",
    ref: { type: "shipment", id: r.shipmentId, label: r.trackingNo },
    params: { textEn: r.textEn, textZh: r.textZh },
    details: r.kind,
  };
}

/** A notification sent to the shopper (`seq` is its place in the list: notifications have uuid ids). */
function fromNotification(n: Awaited<ReturnType<typeof notificationsOfOrder>>[number], seq: number): Sortable {
  return {
    ...BLANK,
    id: `notification:${n.id}`,
    seq,
    at: n.createdAt,
    source: "notification",
    kind: n.kind,
    actor: "system",
    params: { ...n.params, resent: n.sourceEventId.startsWith("resend:") ? 1 : 0 },
    details: `${n.kind} · ${n.sourceEventId}`,
  };
}

/**
 * Everything that happened to an order, oldest first: order status changes, payment log rows
 * (state changes, gateway requests and answers, refunds, webhook attempts), shipment status
 * changes and recorded checkpoints, the shopper's notifications, and admin actions. Each
 * source is read with one query through its module and mapped by its own function; rows are
 * merged in time order here. ORDER_NOT_FOUND for an unknown order.
 */
export async function orderTimeline(db: DbOrTx, { orderId }: { orderId: string }) {
  const order = await getOrderForAdmin(db, orderId);
  const [own, paymentRows, logistics, notes] = await Promise.all([
    orderTimelineRows(db, orderId),
    paymentTimelineRows(db, orderId),
    logisticsTimelineRows(db, orderId),
    notificationsOfOrder(db, { userId: order.shopper.id, orderId }),
  ]);
  const entries: Sortable[] = [
    ...own.statusLog.map(fromOrderStatus),
    ...own.adminActions.map(fromAdminAction),
    ...paymentRows.map(fromPaymentLog),
    ...logistics.statusLog.map(fromShipmentStatus),
    ...logistics.checkpoints.map(fromCheckpoint),
    ...notes.map(fromNotification),
  ];
  entries.sort((a, b) => a.at.getTime() - b.at.getTime() || RANK[a.source] - RANK[b.source] || a.seq - b.seq);
  return { orderId, entries: entries.map(({ seq: _seq, ...entry }) => entry) };
}

/** What the admin order page links to: the shopper, every payment and refund, the shipment; and the items a refund may still take back. */
export const ZOrderLinks = z.object({
  shopper: z.object({ id: z.uuid(), email: z.string(), name: z.string() }),
  payments: z.array(
    z.object({
      id: z.uuid(),
      paymentSn: z.string(),
      status: z.string(),
      method: z.string(),
      amountMinor: z.number().int(),
      refundedMinor: z.number().int(),
      refundableMinor: z.number().int(),
      /** What refunds not yet settled hold. */
      refundPendingMinor: z.number().int(),
      currency: z.string(),
      createdAt: z.date(),
    }),
  ),
  refunds: z.array(z.object({ id: z.uuid(), refundSn: z.string(), paymentId: z.uuid(), status: z.string(), amountMinor: z.number().int(), currency: z.string(), createdAt: z.date() })),
  shipment: z
    .object({ id: z.uuid(), trackingNo: z.string(), logisticsSn: z.string(), status: z.string(), serviceLevel: z.string(), carrierCode: z.string(), carrierNameEn: z.string(), carrierNameZh: z.string(), serviceNameEn: z.string(), serviceNameZh: z.string() })
    .nullable(),
  refundableItems: z.array(ZRefundableItem),
});

/** The order's related objects for links and actions (one query per module). ORDER_NOT_FOUND for an unknown order. */
export async function orderLinks(db: DbOrTx, { orderId }: { orderId: string }): Promise<z.infer<typeof ZOrderLinks>> {
  const order = await getOrderForAdmin(db, orderId);
  const [{ payments, refunds }, shipment, refundableItems] = await Promise.all([paymentsOfOrder(db, orderId), shipmentLinkOfOrder(db, orderId), refundableItemsOf(db, orderId)]);
  return { shopper: order.shopper, payments, refunds, shipment, refundableItems };
}
