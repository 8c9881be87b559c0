"use client";

import { useLocale, useTranslations } from "use-intl";
import { formatMoney } from "@/lib/money";
import { productName } from "@/lib/product-image";
import { ProductImage } from "./product-image";
import type { OrderItemView } from "@/trpc/types";
import { OrderSection } from "./order-section";

/** The items as they were bought (name and price snapshots, in the page's language), one row each, with the product's picture. */
export function OrderItems({ items, currency }: { items: OrderItemView[]; currency: string }) {
  const t = useTranslations("shop.order");
  const locale = useLocale();
  const money = (minor: number) => formatMoney(minor, currency, locale);
  return (
    <OrderSection id="order-items" title={t("itemsTitle")}>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="text-left text-xs uppercase text-slate-500">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">{t("product")}</th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">{t("unitPrice")}</th>
              <th scope="col" className="py-2 pr-3 text-right font-medium">{t("quantity")}</th>
              <th scope="col" className="py-2 text-right font-medium">{t("lineTotal")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id} className="border-t border-slate-100">
                <td className="py-2 pr-3">
                  <div className="flex items-center gap-3">
                    <ProductImage imageUrl={item.imageUrl} alt={productName(item, locale)} size="grid" className="h-12 w-12" />
                    <div className="min-w-0">
                      <span className="font-medium">{productName(item, locale)}</span>
                      <span className="block text-xs text-slate-500">{item.sku}</span>
                    </div>
                  </div>
                </td>
                <td className="py-2 pr-3 text-right whitespace-nowrap">{money(item.unitPriceMinor)}</td>
                <td className="py-2 pr-3 text-right">{item.quantity}</td>
                <td className="py-2 text-right whitespace-nowrap">{money(item.lineTotalMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </OrderSection>
  );
}
