import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { getShopperOrder, shopperOrderTerms } from "@/server/domain/order";
import { DomainError } from "@/server/errors";
import {
  TEST_CARDS,
  enabledMethods,
  isCapturedPaymentStatus,
  isOpenPaymentStatus,
  listPaymentsOfOrder,
  listRefundsOfOrder,
  paymentHistoryOfOrder,
  paymentSettings,
  refundItemsOfOrder,
  refundableItemsOf,
  refundableOf,
  toShopperPayment,
  toShopperRefund,
  type CashierView,
  type OrderPaymentSection,
} from "@/server/domain/payment";
import { REFUNDABLE_ORDER_STATUSES } from "./refund-order-status";

const TEST_CARD_LABELS = TEST_CARDS.map((card) => ({
  number: card.number,
  outcome: card.outcome === null ? "rate" : card.outcome.kind === "decline" ? card.outcome.code : card.outcome.kind,
}));

/**
 * The cashier page's data: the shopper's own order (ORDER_NOT_FOUND for anyone else's), its
 * current payment (the open one, else the latest), the enabled methods, the test cards and the
 * server's clock for the countdown.
 */
export async function getCashierView(db: DbOrTx, { userId, orderId }: { userId: string; orderId: string }): Promise<CashierView> {
  const order = await getShopperOrder(db, { userId, orderId });
  const [all, settings, [clock]] = await Promise.all([
    listPaymentsOfOrder(db, orderId),
    paymentSettings.get(db),
    db.execute(sql`select now() as now`) as unknown as Promise<[{ now: Date | string }]>,
  ]);
  const current = all.find((p) => isOpenPaymentStatus(p.status) || isCapturedPaymentStatus(p.status)) ?? all[0] ?? null;
  return {
    order: {
      id: order.id,
      orderNo: order.orderNo,
      status: order.status,
      currency: order.currency,
      itemsTotalMinor: order.itemsTotalMinor,
      shippingFeeMinor: order.shippingFeeMinor,
      payableTotalMinor: order.payableTotalMinor,
      paymentDeadlineAt: order.paymentDeadlineAt,
      items: order.items.map((i) => ({ name: i.name, nameZh: i.nameZh, quantity: i.quantity, lineTotalMinor: i.lineTotalMinor })),
    },
    payment: current ? toShopperPayment(current) : null,
    methods: enabledMethods(settings),
    testCards: TEST_CARD_LABELS,
    serverNow: new Date(clock.now),
  };
}

/**
 * The payment section of the shopper's order detail: payments with history, refunds, what can
 * still be refunded. The order page reads it with the order on every view, so it is a handful of
 * statements built once: the order's terms first (nothing more is read of another shopper's
 * order), then the five reads keyed by the order, side by side.
 */
export async function getOrderPaymentSection(db: DbOrTx, { userId, orderId }: { userId: string; orderId: string }): Promise<OrderPaymentSection> {
  const order = await shopperOrderTerms(db, { userId, orderId });
  if (!order) throw new DomainError("ORDER_NOT_FOUND", "Order not found");
  const [all, refunds, items, itemsOfRefund, history] = await Promise.all([
    listPaymentsOfOrder(db, orderId),
    listRefundsOfOrder(db, orderId),
    refundableItemsOf(db, orderId),
    refundItemsOfOrder(db, orderId),
    paymentHistoryOfOrder(db, orderId),
  ]);
  const captured = all.find((p) => isCapturedPaymentStatus(p.status));
  const refundableMinor = captured ? refundableOf(captured) : 0;
  const deadlineOpen = !order.paymentDeadlineAt || order.paymentDeadlineAt.getTime() > Date.now();
  return {
    orderId: order.id,
    orderStatus: order.status,
    currency: order.currency,
    payableTotalMinor: order.payableTotalMinor,
    payments: all.map((p) => ({
      ...toShopperPayment(p),
      history: history.filter((h) => h.paymentId === p.id).map((h) => ({ fromStatus: h.fromStatus, toStatus: h.toStatus, message: h.kind === "created" ? null : h.message, createdAt: h.createdAt })),
    })),
    refunds: refunds.map((r) => ({ ...toShopperRefund(r), items: itemsOfRefund.get(r.id) ?? [], reviewedAt: r.reviewedAt })),
    refundableMinor,
    paidMinor: captured?.amountMinor ?? 0,
    refundedMinor: captured?.refundedMinor ?? 0,
    refundPendingMinor: captured?.refundReservedMinor ?? 0,
    items,
    canPay: order.status === "pending_payment" && deadlineOpen,
    canRequestRefund: refundableMinor > 0 && (REFUNDABLE_ORDER_STATUSES as readonly string[]).includes(order.status),
  };
}
