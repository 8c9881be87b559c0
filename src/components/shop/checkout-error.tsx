"use client";

import { useLocale, useTranslations } from "use-intl";
import { formatMoney } from "@/lib/money";
import { productName } from "@/lib/product-image";
import { errorData, type CartView } from "@/trpc/types";

/** Turns a new address the form refused, a failed address save or checkout into one clear, translated sentence. */
export function CheckoutError({ addressInvalid, createError, checkoutError, cart }: { addressInvalid?: boolean; createError: unknown; checkoutError: unknown; cart: CartView }) {
  const t = useTranslations("shop.checkout");
  const locale = useLocale();
  let message: string | null = null;
  if (addressInvalid) message = t("addressInvalid");
  else if (createError) {
    message = errorData(createError).fieldErrors ? t("addressInvalid") : t("failed");
  } else if (checkoutError) {
    const data = errorData(checkoutError);
    if (data.domainCode === "TOTAL_CHANGED" && data.params) {
      const currency = String(data.params.currency ?? cart.currency);
      message = t("totalChanged", {
        total: formatMoney(Number(data.params.totalMinor), currency, locale),
        shown: formatMoney(Number(data.params.expectedTotalMinor), currency, locale),
      });
    } else if (data.domainCode === "OUT_OF_STOCK") {
      const ids = Object.keys(data.fieldErrors ?? {});
      const names = cart.lines.filter((line) => ids.includes(line.productId)).map((line) => productName(line, locale));
      message = names.length ? t("outOfStock", { name: names.join(", ") }) : t("outOfStockGeneric");
    } else if (data.domainCode === "NO_SHIPPING_OPTION") message = t("shippingUnavailable");
    else if (data.domainCode === "CART_EMPTY") message = t("cartEmpty");
    else if (data.domainCode === "ADDRESS_NOT_FOUND" || data.fieldErrors?.addressId) message = t("addressMissing");
    else message = t("failed");
  }
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-700">
      {message}
    </p>
  );
}
