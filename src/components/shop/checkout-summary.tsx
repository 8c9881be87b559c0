"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "use-intl";
import { formatMoney } from "@/lib/money";
import { productName } from "@/lib/product-image";
import type { CartView } from "@/trpc/types";
import { TotalsList } from "./totals-list";
import type { CheckoutQuote } from "./use-checkout-quote";

/**
 * What is being ordered and what it costs: lines, items total, shipping and the total to pay.
 * Shipping and the total come from the quote for the address and option selected right now;
 * without one they are not shown at all (never as "Free"), and the order cannot be placed.
 */
export function CheckoutSummary({ cart, quote }: { cart: CartView; quote: CheckoutQuote }) {
  const t = useTranslations("shop");
  const locale = useLocale();
  const money = (minor: number) => formatMoney(minor, cart.currency, locale);
  const shipping =
    quote.status === "ready"
      ? quote.feeMinor === 0
        ? t("totals.free")
        : money(quote.feeMinor)
      : quote.status === "need-address"
        ? t("checkout.shippingNeedsAddress")
        : quote.status === "loading"
          ? t("checkout.shippingCalculating")
          : t("checkout.shippingUnknown");
  return (
    <section aria-labelledby="checkout-summary" className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex items-center justify-between">
        <h2 id="checkout-summary" className="font-medium">
          {t("checkout.summary")}
        </h2>
        <Link href="/cart" className="text-sm text-brand-700 underline">
          {t("checkout.editCart")}
        </Link>
      </div>
      <ul className="space-y-2 text-sm">
        {cart.lines.map((line) => (
          <li key={line.id} className="flex justify-between gap-3">
            <span className="min-w-0">
              {productName(line, locale)} <span className="whitespace-nowrap text-slate-500">{t("checkout.quantityTimes", { quantity: line.quantity })}</span>
            </span>
            <span className="whitespace-nowrap">{money(line.lineTotalMinor)}</span>
          </li>
        ))}
      </ul>
      <TotalsList
        label={t("totals.title")}
        rows={[
          { label: t("totals.items"), value: money(cart.itemsTotalMinor) },
          { label: t("totals.shipping"), value: shipping, testId: "checkout-shipping" },
          { label: t("totals.total"), value: quote.status === "ready" ? money(quote.totalMinor) : "—", emphasis: true, testId: "checkout-total" },
        ]}
      />
    </section>
  );
}
