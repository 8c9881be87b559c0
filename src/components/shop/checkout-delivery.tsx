"use client";

import { useTranslations } from "use-intl";
import { ShippingOptions, type ShippingOptionsProps } from "@/components/logistics/shipping-options";

/**
 * The delivery part of checkout: the logistics module's carrier and service-level options with
 * their fees, quoted on the server for the current address and items (see useCheckoutQuote).
 */
export function CheckoutDelivery(props: ShippingOptionsProps) {
  const t = useTranslations("shop.delivery");
  return (
    <section aria-labelledby="checkout-delivery" className="space-y-2 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="checkout-delivery" className="font-medium">
        {t("title")}
      </h2>
      <ShippingOptions {...props} />
    </section>
  );
}
