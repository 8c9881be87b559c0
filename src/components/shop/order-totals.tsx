"use client";

import { useLocale, useTranslations } from "use-intl";
import { formatMoney } from "@/lib/money";
import type { ShopperOrderView } from "@/trpc/types";
import { OrderSection } from "./order-section";
import { TotalsList } from "./totals-list";

type Totals = Pick<ShopperOrderView, "itemsTotalMinor" | "shippingFeeMinor" | "payableTotalMinor" | "currency">;

/**
 * Items total, shipping fee and the total payable, as stored on the order; once refunds exist,
 * what came back (Refunded), what refunds still hold (in progress) and the net paid.
 */
export function OrderTotals({ order, refunds }: { order: Totals; refunds?: { refundedMinor: number; pendingMinor: number } }) {
  const t = useTranslations("shop.totals");
  const locale = useLocale();
  const money = (minor: number) => formatMoney(minor, order.currency, locale);
  const refunded = refunds?.refundedMinor ?? 0;
  const pending = refunds?.pendingMinor ?? 0;
  return (
    <OrderSection id="order-totals" title={t("title")}>
      <TotalsList
        label={t("title")}
        rows={[
          { label: t("items"), value: money(order.itemsTotalMinor) },
          { label: t("shipping"), value: order.shippingFeeMinor === 0 ? t("free") : money(order.shippingFeeMinor) },
          { label: t("total"), value: money(order.payableTotalMinor), emphasis: refunded === 0 && pending === 0, testId: "order-total" },
          ...(refunded > 0 || pending > 0
            ? [
                { label: t("refunded"), value: `−${money(refunded)}`, testId: "order-refunded" },
                ...(pending > 0 ? [{ label: t("refundPending"), value: money(pending), testId: "order-refund-pending" }] : []),
                { label: t("net"), value: money(order.payableTotalMinor - refunded), emphasis: true, testId: "order-net" },
              ]
            : []),
        ]}
      />
    </OrderSection>
  );
}
