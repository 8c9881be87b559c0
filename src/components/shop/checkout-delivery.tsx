"use client";

import { useTranslations } from "use-intl";
import type { CartLineView } from "@/trpc/types";

/** A delivery option chosen at checkout; its fee is added to the order total. */
export type ShippingChoice = { carrierCode: string; serviceLevel: string; feeMinor: number };

export type CheckoutDeliveryProps = {
  /** Where the parcel goes; null while a new address is still being typed. */
  destination: { province: string; city: string; district: string } | null;
  /** What is being shipped (weights for a fee quote). */
  lines: Pick<CartLineView, "productId" | "quantity" | "weightGrams" | "unitPriceMinor">[];
  currency: string;
  /** The chosen option; null means the shop's default (free standard delivery). */
  value: ShippingChoice | null;
  onChange: (choice: ShippingChoice | null) => void;
  disabled?: boolean;
};

/**
 * The delivery part of checkout, kept apart so the logistics module can replace the body with
 * carrier and service-level options (and their fees) without touching the rest of the form.
 * Until then delivery is standard and free, and no option is sent with the order.
 */
export function CheckoutDelivery({ destination }: CheckoutDeliveryProps) {
  const t = useTranslations("shop.delivery");
  return (
    <section aria-labelledby="checkout-delivery" className="space-y-2 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="checkout-delivery" className="font-medium">
        {t("title")}
      </h2>
      <div className="flex items-center justify-between rounded-md border border-brand-500 bg-brand-50 p-3 text-sm">
        <span>
          <span className="font-medium">{t("standard")}</span>
          {destination && <span className="block text-slate-600">{t("to", { city: destination.city, province: destination.province })}</span>}
        </span>
        <span className="font-medium text-emerald-700">{t("free")}</span>
      </div>
      <p className="text-xs text-slate-500">{t("freeNote")}</p>
    </section>
  );
}
