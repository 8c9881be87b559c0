"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { useErrorText } from "@/components/forms/error-text";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { formatMoney, parseMoney } from "@/lib/money";
import { useTRPC } from "@/trpc/client";
import { AreaSelect, type AreaValue } from "../area-select";

type Option = { carrierCode: string; serviceLevel: string; label: string };
type Input = {
  carrierCode: string;
  serviceLevel: string;
  origin: AreaValue;
  destination: AreaValue;
  weightGrams: number;
  lengthMm: number;
  widthMm: number;
  heightMm: number;
  itemsTotalMinor: number;
};

/** Weight, size and destination in; the fee breakdown out (zone, actual vs volumetric vs billed weight, parts, total). */
export function FeeCalculator({ options }: { options: Option[] }) {
  const t = useTranslations("logistics");
  const errorText = useErrorText();
  const locale = useLocale();
  const trpc = useTRPC();
  const [choice, setChoice] = useState(options[0] ? `${options[0].carrierCode}:${options[0].serviceLevel}` : "");
  const [origin, setOrigin] = useState<AreaValue>({ province: "浙江省", city: "杭州市" });
  const [destination, setDestination] = useState<AreaValue>({ province: "", city: "" });
  const [input, setInput] = useState<Input | null>(null);
  const result = useQuery({ ...trpc.adminCarriers.calculate.queryOptions(input!), enabled: input !== null, retry: false });
  const money = (fen: number) => formatMoney(fen, "CNY", locale);
  const kg = (g: number) => `${(g / 1000).toFixed(g % 1000 === 0 ? 0 : 3)} kg`;

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const [carrierCode = "", serviceLevel = ""] = choice.split(":");
    setInput({
      carrierCode,
      serviceLevel,
      origin,
      destination,
      weightGrams: Number(form.get("weight")),
      lengthMm: Number(form.get("length")),
      widthMm: Number(form.get("width")),
      heightMm: Number(form.get("height")),
      itemsTotalMinor: parseMoney(String(form.get("itemsTotal") || "0")) ?? 0,
    });
  }
  const err = (name: string) => errorText.of(result.error, name);
  const b = result.data;
  return (
    <Card className="space-y-4">
      <h2 className="font-medium">{t("admin.calculator.title")}</h2>
      <form onSubmit={onSubmit} noValidate className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label={t("admin.calculator.title")}>
        <SelectField label={t("admin.calculator.carrier")} value={choice} onChange={(e) => setChoice(e.target.value)} className="sm:col-span-2">
          {options.map((o) => (
            <option key={`${o.carrierCode}:${o.serviceLevel}`} value={`${o.carrierCode}:${o.serviceLevel}`}>
              {o.label}
            </option>
          ))}
        </SelectField>
        <TextField name="itemsTotal" label={t("admin.calculator.itemsTotal")} inputMode="decimal" defaultValue="0" />
        <div />
        <AreaSelect value={origin} onChange={setOrigin} labels={{ province: t("admin.calculator.originProvince"), city: t("admin.calculator.originCity") }} error={err("origin")} />
        <AreaSelect
          value={destination}
          onChange={setDestination}
          labels={{ province: t("admin.calculator.destProvince"), city: t("admin.calculator.destCity") }}
          error={err("destination")}
        />
        <TextField name="weight" type="number" min={1} label={t("admin.calculator.weight")} defaultValue="1000" error={err("weightGrams")} />
        <TextField name="length" type="number" min={1} label={t("admin.calculator.length")} defaultValue="300" error={err("lengthMm")} />
        <TextField name="width" type="number" min={1} label={t("admin.calculator.width")} defaultValue="200" error={err("widthMm")} />
        <TextField name="height" type="number" min={1} label={t("admin.calculator.height")} defaultValue="100" error={err("heightMm")} />
        <div className="sm:col-span-2 lg:col-span-4">
          <Button type="submit">{t("admin.calculator.calculate")}</Button>
        </div>
      </form>
      {result.error && !err("origin") && !err("destination") && (
        <p role="alert" className="text-sm text-rose-700">
          {errorText.refusal(result.error)}
        </p>
      )}
      {b && (
        <section aria-label={t("admin.calculator.result")} className="rounded-md bg-slate-50 p-4">
          <h3 className="mb-2 text-sm font-medium">{t("admin.calculator.result")}</h3>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
            <dt className="text-slate-500">{t("admin.calculator.zone")}</dt>
            <dd data-testid="calc-zone">{t(`zone.${b.zone}`)}</dd>
            <dt className="text-slate-500">{t("admin.calculator.actual")}</dt>
            <dd>{kg(b.actualWeightGrams)}</dd>
            <dt className="text-slate-500">{t("admin.calculator.volumetric")}</dt>
            <dd>{kg(b.volumetricWeightGrams)}</dd>
            <dt className="text-slate-500">{t("admin.calculator.chargeable")}</dt>
            <dd data-testid="calc-chargeable">{kg(b.chargeableWeightGrams)}</dd>
            <dt className="text-slate-500">{t("admin.calculator.firstPart", { weight: kg(b.firstWeightGrams) })}</dt>
            <dd>{money(b.firstPartMinor)}</dd>
            <dt className="text-slate-500">
              {t("admin.calculator.additionalPart", { steps: b.additionalSteps, step: kg(b.stepGrams), price: money(b.additionalFeePerStepMinor) })}
            </dt>
            <dd>{money(b.additionalPartMinor)}</dd>
            {b.freeShippingApplied && (
              <>
                <dt className="text-slate-500">{t("admin.calculator.discount")}</dt>
                <dd>−{money(b.discountMinor)}</dd>
              </>
            )}
            <dt className="font-medium">{t("admin.calculator.total")}</dt>
            <dd className="font-semibold" data-testid="calc-total">
              {money(b.totalMinor)}
            </dd>
            <dt className="text-slate-500">{t("admin.calculator.promised")}</dt>
            <dd>{t("shipping.days", { days: b.promisedDays })}</dd>
          </dl>
        </section>
      )}
    </Card>
  );
}
