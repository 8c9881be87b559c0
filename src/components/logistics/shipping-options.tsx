"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useLocale, useTranslations } from "use-intl";
import { LoadingState } from "@/components/ui/states";
import { cn } from "@/lib/cn";
import { formatMoney } from "@/lib/money";
import { useTRPC } from "@/trpc/client";

export type ShippingChoice = { carrierCode: string; serviceLevel: string; feeMinor: number };

export type ShippingOptionsProps = {
  /** Where the parcel goes; null while no address is chosen yet. */
  destination: { province: string; city: string; district: string } | null;
  /** What is shipped: product and quantity (weights and sizes come from the catalog on the server). */
  lines: { productId: string; quantity: number }[];
  currency: string;
  value: ShippingChoice | null;
  onChange: (choice: ShippingChoice | null) => void;
  disabled?: boolean;
};

/**
 * Carrier and service-level options with their fees, quoted on the server for this address and
 * these items. The cheapest option is preselected (the server charges it when none is chosen,
 * so the total shown always matches the total charged). The fee shown is informative only:
 * checkout recomputes it from the chosen codes.
 */
export function ShippingOptions({ destination, lines, currency, value, onChange, disabled }: ShippingOptionsProps) {
  const t = useTranslations("logistics.shipping");
  const locale = useLocale();
  const trpc = useTRPC();
  const input = destination ? { destination, items: lines.map((l) => ({ productId: l.productId, quantity: l.quantity })) } : null;
  const query = useQuery({ ...trpc.logistics.quoteOptions.queryOptions(input ?? { items: [] }), enabled: Boolean(input && lines.length > 0) });
  const options = query.data;

  useEffect(() => {
    if (!options) return;
    const current = value && options.find((o) => o.carrierCode === value.carrierCode && o.serviceLevel === value.serviceLevel);
    if (current && current.feeMinor === value.feeMinor) return;
    const pick = current ?? options[0];
    onChange(pick ? { carrierCode: pick.carrierCode, serviceLevel: pick.serviceLevel, feeMinor: pick.feeMinor } : null);
  }, [options, value, onChange]);

  if (!destination) return <p className="text-sm text-slate-500">{t("needAddress")}</p>;
  if (query.isLoading) return <LoadingState label={t("loading")} />;
  if (query.isError) return <p role="alert" className="text-sm text-rose-700">{t("error")}</p>;
  if (!options || options.length === 0) return <p className="text-sm text-slate-600">{t("none")}</p>;

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
              onChange={() => onChange({ carrierCode: o.carrierCode, serviceLevel: o.serviceLevel, feeMinor: o.feeMinor })}
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
