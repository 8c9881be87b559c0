"use client";

import { useTranslations } from "use-intl";
import { ShippingOptions } from "@/components/logistics/shipping-options";
import type { CartLineView } from "@/trpc/types";

/** A delivery option chosen at checkout; its fee is added to the order total. */
export type ShippingChoice = { carrierCode: string; serviceLevel: string; feeMinor: number };

export type CheckoutDeliveryProps = {
  /** Where the parcel goes; null while a new address is still being typed. */
  destination: { province: string; city: string; district: string } | null;
  /** What is being shipped (weights for a fee quote). */
  lines: Pick<CartLineView, "productId" | "quantity" | "weightGrams" | "unitPriceMinor">[];
  currency: string;
  /** The chosen option; null means the cheapest option on offer (what checkout charges without a choice). */
  value: ShippingChoice | null;
  onChange: (choice: ShippingChoice | null) => void;
  disabled?: boolean;
};

/**
 * The delivery part of checkout: the logistics module's carrier and service-level options with
 * their fees (quoted on the server for this address and these items).
 */
export function CheckoutDelivery(props: CheckoutDeliveryProps) {
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
