"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "use-intl";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatMoney } from "@/lib/money";
import { productName } from "@/lib/product-image";
import type { CashierViewData } from "@/trpc/payment-types";
import { OrderPaymentSection } from "./order-payment-section";

type Order = CashierViewData["order"];

/** The order being paid: lines, shipping and total. */
export function CashierSummary({ order }: { order: Order }) {
  const t = useTranslations("payment");
  const locale = useLocale();
  return (
    <Card aria-labelledby="order-summary" className="space-y-3">
      <h2 id="order-summary" className="font-medium">
        {t("cashier.orderSummary")}
      </h2>
      <ul className="space-y-1 text-sm text-slate-700">
        {order.items.map((item, i) => (
          <li key={i} className="flex justify-between gap-3">
            <span>{t("cashier.itemLine", { name: productName(item, locale), quantity: item.quantity })}</span>
            <span>{formatMoney(item.lineTotalMinor, order.currency, locale)}</span>
          </li>
        ))}
      </ul>
      <dl className="space-y-1 border-t border-slate-200 pt-2 text-sm">
        <div className="flex justify-between">
          <dt>{t("cashier.itemsTotal")}</dt>
          <dd>{formatMoney(order.itemsTotalMinor, order.currency, locale)}</dd>
        </div>
        <div className="flex justify-between">
          <dt>{t("cashier.shipping")}</dt>
          <dd>{formatMoney(order.shippingFeeMinor, order.currency, locale)}</dd>
        </div>
        <div className="flex justify-between font-semibold">
          <dt>{t("cashier.total")}</dt>
          <dd>{formatMoney(order.payableTotalMinor, order.currency, locale)}</dd>
        </div>
      </dl>
    </Card>
  );
}

/** Paid: the result, the way to the order, and the payment section (history, refunds). */
export function PaidPanel({ order }: { order: Order }) {
  const t = useTranslations("payment");
  const tc = useTranslations("common");
  return (
    <div className="space-y-6">
      <section role="status" aria-labelledby="pay-success" className="rounded-lg border border-emerald-200 bg-emerald-50 p-6">
        <h2 id="pay-success" className="text-lg font-semibold text-emerald-800">
          {t("cashier.successTitle")}
        </h2>
        <p className="mt-1 text-emerald-900">{t("cashier.successBody", { orderNo: order.orderNo })}</p>
        <p className="mt-1 text-sm text-emerald-900">{t("cashier.orderStatus", { status: tc(`orderStatus.${order.status as "paid"}`) })}</p>
        <Link href={`/orders/${order.id}`} className={buttonClass("secondary", "mt-4")}>
          {t("cashier.viewOrder")}
        </Link>
      </section>
      <OrderPaymentSection orderId={order.id} />
    </div>
  );
}

/** The order left "awaiting payment" some other way (cancelled, refunded…). */
export function NotPayablePanel({ status }: { status: string }) {
  const t = useTranslations("payment");
  const tc = useTranslations("common");
  return (
    <section role="status" className="rounded-lg border border-slate-200 bg-white p-6">
      <h2 className="text-lg font-semibold">{t("cashier.notPayableTitle")}</h2>
      <p className="mt-1 text-slate-600">{t("cashier.notPayableBody", { status: tc(`orderStatus.${status as "cancelled"}`) })}</p>
      <Link href="/orders" className={buttonClass("secondary", "mt-4")}>
        {t("cashier.backToOrders")}
      </Link>
    </section>
  );
}

/** The payment window has closed. */
export function ExpiredPanel() {
  const t = useTranslations("payment");
  return (
    <section role="alert" className="rounded-lg border border-slate-300 bg-slate-50 p-6">
      <h2 className="text-lg font-semibold">{t("cashier.expiredTitle")}</h2>
      <p className="mt-1 text-slate-600">{t("cashier.expiredBody")}</p>
      <Link href="/orders" className={buttonClass("secondary", "mt-4")}>
        {t("cashier.backToOrders")}
      </Link>
    </section>
  );
}
