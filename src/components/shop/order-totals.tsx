import { getLocale, getTranslations } from "@/i18n/server";
import { formatMoney } from "@/lib/money";
import type { ShopperOrderView } from "@/trpc/types";
import { OrderSection } from "./order-section";
import { TotalsList } from "./totals-list";

type Totals = Pick<ShopperOrderView, "itemsTotalMinor" | "shippingFeeMinor" | "payableTotalMinor" | "currency">;

/** Items total, shipping fee and the total payable, as stored on the order. */
export async function OrderTotals({ order }: { order: Totals }) {
  const [t, locale] = await Promise.all([getTranslations("shop.totals"), getLocale()]);
  const money = (minor: number) => formatMoney(minor, order.currency, locale);
  return (
    <OrderSection id="order-totals" title={t("title")}>
      <TotalsList
        label={t("title")}
        rows={[
          { label: t("items"), value: money(order.itemsTotalMinor) },
          { label: t("shipping"), value: order.shippingFeeMinor === 0 ? t("free") : money(order.shippingFeeMinor) },
          { label: t("total"), value: money(order.payableTotalMinor), emphasis: true, testId: "order-total" },
        ]}
      />
    </OrderSection>
  );
}
