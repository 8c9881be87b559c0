"use client";

import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { useLocale, useTranslations } from "use-intl";
import { formatDateTime } from "@/lib/dates";
import type { ShopperOrderView } from "@/trpc/types";
import { ConfirmReceiptButton } from "@/components/lifecycle/confirm-receipt-button";
import { OrderCancelButton } from "./order-cancel-button";

/**
 * What the shopper can do next. An order awaiting payment offers "Pay now" (the payment page at
 * /pay/<orderId>) and "Cancel order"; a delivered order offers "Confirm receipt".
 */
export function OrderActions({ order }: { order: Pick<ShopperOrderView, "id" | "status" | "paymentDeadlineAt"> }) {
  const t = useTranslations("shop.order");
  const tr = useTranslations("lifecycle.receipt");
  const locale = useLocale();
  if (order.status === "delivered") {
    return (
      <section aria-label={tr("sectionLabel")} className="flex flex-wrap items-center gap-3 rounded-lg border border-emerald-200 bg-emerald-50 p-4">
        <div className="flex-1 text-sm text-emerald-900">
          <p>{tr("delivered")}</p>
          <p className="text-xs text-emerald-800">{tr("autoConfirmHint")}</p>
        </div>
        <ConfirmReceiptButton orderId={order.id} />
      </section>
    );
  }
  if (order.status !== "pending_payment") return null;
  return (
    <section aria-label={t("awaitingPayment")} className="flex flex-wrap items-center gap-3 rounded-lg border border-amber-200 bg-amber-50 p-4">
      <p className="flex-1 text-sm text-amber-900">
        {order.paymentDeadlineAt ? t("payBy", { date: formatDateTime(order.paymentDeadlineAt, locale) }) : t("awaitingPayment")}
      </p>
      <Link href={`/pay/${order.id}`} className={buttonClass("primary")}>
        {t("payNow")}
      </Link>
      <OrderCancelButton orderId={order.id} />
    </section>
  );
}
