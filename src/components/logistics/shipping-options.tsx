"use client";

import { useLocale, useTranslations } from "use-intl";
import { LoadingState } from "@/components/ui/states";
import { cn } from "@/lib/cn";
import { formatMoney } from "@/lib/money";
import type { ShippingOptionData } from "./types";

export type ShippingOptionsProps = {
  /** Where the quote stands: no place yet, being fetched, failed, or the options on offer. */
  state: { status: "need-address" } | { status: "loading" } | { status: "error"; retry: () => void } | { status: "ready"; options: ShippingOptionData[] };
  currency: string;
  /** The option that will be charged (the cheapest until the shopper picks another). */
  value: { carrierCode: string; serviceLevel: string } | null;
  onChange: (choice: { carrierCode: string; serviceLevel: string }) => void;
  disabled?: boolean;
};

/**
 * Carrier and service-level options with their fees, as quoted on the server for the current
 * address and items. Only shows and picks: the fee charged is recomputed by checkout from the
 * chosen codes, and the page's total is derived from the same quote.
 */
export function ShippingOptions({ state, currency, value, onChange, disabled }: ShippingOptionsProps) {
  const t = useTranslations("logistics.shipping");
  const locale = useLocale();

  if (state.status === "need-address") return <p className="text-sm text-slate-500">{t("needAddress")}</p>;
  if (state.status === "loading") return <LoadingState label={t("loading")} />;
  if (state.status === "error")
    return (
      <p role="alert" className="text-sm text-rose-700">
        {t("error")}{" "}
        <button type="button" onClick={state.retry} className="underline">
          {t("retry")}
        </button>
      </p>
    );
  const options = state.options;
  if (options.length === 0) return <p className="text-sm text-slate-600">{t("none")}</p>;

  return (
    <fieldset className="space-y-2" disabled={disabled}>
      <legend className="sr-only">{t("optionsLabel")}</legend>
      {options.map((o) => {
        const id = `${o.carrierCode}:${o.serviceLevel}`;
        const checked = value?.carrierCode === o.carrierCode && value?.serviceLevel === o.serviceLevel;
        const carrier = locale === "zh-CN" ? o.carrierNameZh : o.carrierNameEn;
        const service = locale === "zh-CN" ? o.serviceNameZh : o.serviceNameEn;
        const fee = o.feeMinor === 0 ? t("free") : formatMoney(o.feeMinor, currency, locale);
        return (
          <label
            key={id}
            className={cn(
              "flex cursor-pointer items-center gap-3 rounded-md border p-3 text-sm",
              checked ? "border-brand-500 bg-brand-50" : "border-slate-200 hover:border-slate-300",
            )}
          >
            <input
              type="radio"
              name="shipping-option"
              value={id}
              checked={checked}
              onChange={() => onChange({ carrierCode: o.carrierCode, serviceLevel: o.serviceLevel })}
              aria-label={`${carrier} ${service} ${fee}`}
            />
            <span aria-hidden className="h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: o.logoColor }} />
            <span className="min-w-0 flex-1">
              <span className="font-medium">
                {carrier} · {service}
              </span>
              <span className="block text-xs text-slate-500">
                {t("days", { days: o.promisedDays })}
                {o.breakdown.freeShippingApplied && o.breakdown.freeShippingThresholdMinor !== null
                  ? ` · ${t("freeApplied", { threshold: formatMoney(o.breakdown.freeShippingThresholdMinor, currency, locale) })}`
                  : ` · ${t("weight", { weight: `${(o.breakdown.chargeableWeightGrams / 1000).toFixed(1)} kg`, basis: t(`basis.${o.breakdown.weightBasis}`) })}`}
              </span>
            </span>
            <span className={cn("font-medium", o.feeMinor === 0 && "text-emerald-700")}>{fee}</span>
          </label>
        );
      })}
    </fieldset>
  );
}
