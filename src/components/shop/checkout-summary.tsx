"use client";

import Link from "next/link";
import { useLocale, useTranslations } from "use-intl";
import { formatMoney } from "@/lib/money";
import type { CartView } from "@/trpc/types";
import { TotalsList } from "./totals-list";

/** What is being ordered and what it costs: lines, items total, shipping and the total to pay. */
export function CheckoutSummary({ cart, shippingFeeMinor }: { cart: CartView; shippingFeeMinor: number }) {
  const t = useTranslations("shop");
  const locale = useLocale();
  const money = (minor: number) => formatMoney(minor, cart.currency, locale);
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
              {line.name} <span className="whitespace-nowrap text-slate-500">{t("checkout.quantityTimes", { quantity: line.quantity })}</span>
            </span>
            <span className="whitespace-nowrap">{money(line.lineTotalMinor)}</span>
          </li>
        ))}
      </ul>
      <TotalsList
        label={t("totals.title")}
        rows={[
          { label: t("totals.items"), value: money(cart.itemsTotalMinor) },
          { label: t("totals.shipping"), value: shippingFeeMinor === 0 ? t("totals.free") : money(shippingFeeMinor) },
          { label: t("totals.total"), value: money(cart.itemsTotalMinor + shippingFeeMinor), emphasis: true, testId: "checkout-total" },
        ]}
      />
    </section>
  );
}
