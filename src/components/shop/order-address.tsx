"use client";

import { useTranslations } from "use-intl";
import type { ShopperOrderView } from "@/trpc/types";
import { AddressText } from "./address-text";
import { OrderSection } from "./order-section";

/** The delivery address as snapshotted when the order was placed, and the shopper's note. */
export function OrderAddress({ order }: { order: Pick<ShopperOrderView, "shippingAddress" | "note"> }) {
  const t = useTranslations("shop.order");
  return (
    <OrderSection id="order-address" title={t("addressTitle")}>
      <AddressText address={order.shippingAddress} />
      {order.note && (
        <div className="mt-4 border-t border-slate-100 pt-3 text-sm">
          <h3 className="font-medium text-slate-700">{t("noteTitle")}</h3>
          <p className="whitespace-pre-line text-slate-600">{order.note}</p>
        </div>
      )}
    </OrderSection>
  );
}
