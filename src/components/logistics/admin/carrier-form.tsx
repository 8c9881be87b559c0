"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { fieldIssuesOf, useErrorText } from "@/components/forms/error-text";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { parseMoney } from "@/lib/money";
import { useTRPC } from "@/trpc/client";

const ZONES = ["same_city", "same_province", "neighbouring", "far", "remote"] as const;
const CHECKS = ["luhn", "s10", "mod10_31", "mod7"] as const;
type Zone = (typeof ZONES)[number];

type LevelDraft = {
  code: string;
  nameEn: string;
  nameZh: string;
  promisedDays: string;
  speed: "standard" | "express";
  firstWeightGrams: string;
  stepGrams: string;
  volumetricDivisor: string;
  freeShippingThreshold: string;
  enabled: boolean;
  rules: Record<Zone, { first: string; additional: string }>;
};

export type CarrierFormValue = {
  id?: string;
  code: string;
  nameEn: string;
  nameZh: string;
  logoColor: string;
  trackingPrefix: string;
  trackingBodyLength: number;
  trackingCheck: (typeof CHECKS)[number];
  trackingSuffix: string;
  enabled: boolean;
  serviceLevels: {
    code: string;
    nameEn: string;
    nameZh: string;
    promisedDays: number;
    speed: "standard" | "express";
    firstWeightGrams: number;
    stepGrams: number;
    volumetricDivisor: number;
    freeShippingThresholdMinor: number | null;
    enabled: boolean;
    rules: { zone: Zone; firstFeeMinor: number; additionalFeeMinor: number }[];
  }[];
};

const yuan = (fen: number) => (fen / 100).toFixed(2);
const emptyLevel = (): LevelDraft => ({
  code: "standard",
  nameEn: "",
  nameZh: "",
  promisedDays: "3",
  speed: "standard",
  firstWeightGrams: "1000",
  stepGrams: "1000",
  volumetricDivisor: "8000",
  freeShippingThreshold: "",
  enabled: true,
  rules: Object.fromEntries(ZONES.map((z) => [z, { first: "", additional: "" }])) as LevelDraft["rules"],
});

function toDraft(level: CarrierFormValue["serviceLevels"][number]): LevelDraft {
  const rules = emptyLevel().rules;
  for (const r of level.rules) rules[r.zone] = { first: yuan(r.firstFeeMinor), additional: yuan(r.additionalFeeMinor) };
  return {
    code: level.code,
    nameEn: level.nameEn,
    nameZh: level.nameZh,
    promisedDays: String(level.promisedDays),
    speed: level.speed,
    firstWeightGrams: String(level.firstWeightGrams),
    stepGrams: String(level.stepGrams),
    volumetricDivisor: String(level.volumetricDivisor),
    freeShippingThreshold: level.freeShippingThresholdMinor === null ? "" : yuan(level.freeShippingThresholdMinor),
    enabled: level.enabled,
    rules,
  };
}

/** Create or edit a carrier: identity, tracking-number format, service levels and the fee rule of every zone. */
export function CarrierForm({ initial }: { initial?: CarrierFormValue }) {
  const t = useTranslations("logistics");
  const trpc = useTRPC();
  const router = useRouter();
  const [levels, setLevels] = useState<LevelDraft[]>(() => (initial ? initial.serviceLevels.map(toDraft) : [emptyLevel()]));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const done = { onSuccess: () => router.push("/admin/carriers") };
  const create = useMutation(trpc.adminCarriers.create.mutationOptions(done));
  const update = useMutation(trpc.adminCarriers.update.mutationOptions(done));
  const mutation = initial?.id ? update : create;
  const errorText = useErrorText();
  const err = (name: string) => errorText.of(mutation.error, name);
  const setLevel = (index: number, patch: Partial<LevelDraft>) => setLevels((all) => all.map((l, i) => (i === index ? { ...l, ...patch } : l)));

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const errors: Record<string, string> = {};
    const money = (key: string, text: string, optional = false) => {
      if (optional && text.trim() === "") return null;
      const value = parseMoney(text);
      if (value === null) errors[key] = t("admin.carriers.fixErrors");
      return value ?? 0;
    };
    const serviceLevels = levels.map((l, i) => ({
      code: l.code.trim(),
      nameEn: l.nameEn,
      nameZh: l.nameZh,
      promisedDays: Number(l.promisedDays),
      speed: l.speed,
      firstWeightGrams: Number(l.firstWeightGrams),
      stepGrams: Number(l.stepGrams),
      volumetricDivisor: Number(l.volumetricDivisor),
      freeShippingThresholdMinor: money(`l${i}.free`, l.freeShippingThreshold, true),
      enabled: l.enabled,
      rules: ZONES.map((zone) => ({
        zone,
        firstFeeMinor: money(`l${i}.${zone}.first`, l.rules[zone].first)!,
        additionalFeeMinor: money(`l${i}.${zone}.additional`, l.rules[zone].additional)!,
      })),
    }));
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const value = {
      code: String(form.get("code") ?? "").trim(),
      nameEn: String(form.get("nameEn") ?? ""),
      nameZh: String(form.get("nameZh") ?? ""),
      logoColor: String(form.get("logoColor") ?? "#2563eb"),
      trackingPrefix: String(form.get("trackingPrefix") ?? "").trim(),
      trackingBodyLength: Number(form.get("trackingBodyLength")),
      trackingCheck: String(form.get("trackingCheck")) as (typeof CHECKS)[number],
      trackingSuffix: String(form.get("trackingSuffix") ?? "").trim(),
      enabled: form.get("enabled") === "on",
      serviceLevels,
    };
    if (initial?.id) update.mutate({ ...value, id: initial.id });
    else create.mutate(value);
  }

  const nestedError = mutation.error && (err("serviceLevels") ?? (fieldIssuesOf(mutation.error) ? undefined : errorText.refusal(mutation.error)));
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-2 lg:grid-cols-3">
        <TextField name="code" label={t("admin.carriers.fields.code")} defaultValue={initial?.code} required error={err("code")} />
        <TextField name="nameEn" label={t("admin.carriers.fields.nameEn")} defaultValue={initial?.nameEn} required error={err("nameEn")} />
        <TextField name="nameZh" label={t("admin.carriers.fields.nameZh")} defaultValue={initial?.nameZh} required error={err("nameZh")} />
        <TextField name="logoColor" type="color" label={t("admin.carriers.fields.logoColor")} defaultValue={initial?.logoColor ?? "#2563eb"} error={err("logoColor")} />
        <TextField name="trackingPrefix" label={t("admin.carriers.fields.trackingPrefix")} defaultValue={initial?.trackingPrefix} error={err("trackingPrefix")} />
        <TextField
          name="trackingBodyLength"
          type="number"
          min={6}
          max={16}
          label={t("admin.carriers.fields.trackingBodyLength")}
          defaultValue={initial?.trackingBodyLength ?? 12}
          error={err("trackingBodyLength")}
        />
        <SelectField name="trackingCheck" label={t("admin.carriers.fields.trackingCheck")} defaultValue={initial?.trackingCheck ?? "luhn"}>
          {CHECKS.map((c) => (
            <option key={c} value={c}>
              {t(`admin.carriers.checks.${c}`)}
            </option>
          ))}
        </SelectField>
        <TextField name="trackingSuffix" label={t("admin.carriers.fields.trackingSuffix")} defaultValue={initial?.trackingSuffix} error={err("trackingSuffix")} />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="enabled" defaultChecked={initial?.enabled ?? true} /> {t("admin.carriers.fields.enabled")}
        </label>
      </fieldset>

      <h2 className="font-medium">{t("admin.carriers.levels")}</h2>
      {levels.map((level, i) => (
        <fieldset key={i} className="space-y-4 rounded-lg border border-slate-200 bg-white p-5">
          <legend className="px-1 text-sm font-medium">{t("admin.carriers.level.legend", { index: i + 1 })}</legend>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <TextField label={t("admin.carriers.level.code")} value={level.code} onChange={(e) => setLevel(i, { code: e.target.value })} />
            <TextField label={t("admin.carriers.level.nameEn")} value={level.nameEn} onChange={(e) => setLevel(i, { nameEn: e.target.value })} />
            <TextField label={t("admin.carriers.level.nameZh")} value={level.nameZh} onChange={(e) => setLevel(i, { nameZh: e.target.value })} />
            <TextField type="number" min={1} label={t("admin.carriers.level.promisedDays")} value={level.promisedDays} onChange={(e) => setLevel(i, { promisedDays: e.target.value })} />
            <SelectField label={t("admin.carriers.level.speed")} value={level.speed} onChange={(e) => setLevel(i, { speed: e.target.value as LevelDraft["speed"] })}>
              <option value="standard">{t("admin.carriers.level.speeds.standard")}</option>
              <option value="express">{t("admin.carriers.level.speeds.express")}</option>
            </SelectField>
            <TextField type="number" label={t("admin.carriers.level.firstWeightGrams")} value={level.firstWeightGrams} onChange={(e) => setLevel(i, { firstWeightGrams: e.target.value })} />
            <TextField type="number" label={t("admin.carriers.level.stepGrams")} value={level.stepGrams} onChange={(e) => setLevel(i, { stepGrams: e.target.value })} />
            <TextField type="number" label={t("admin.carriers.level.volumetricDivisor")} value={level.volumetricDivisor} onChange={(e) => setLevel(i, { volumetricDivisor: e.target.value })} />
            <TextField
              label={t("admin.carriers.level.freeShippingThreshold")}
              inputMode="decimal"
              value={level.freeShippingThreshold}
              onChange={(e) => setLevel(i, { freeShippingThreshold: e.target.value })}
              error={localErrors[`l${i}.free`]}
            />
            <label className="flex items-center gap-2 self-end text-sm">
              <input type="checkbox" checked={level.enabled} onChange={(e) => setLevel(i, { enabled: e.target.checked })} /> {t("admin.carriers.level.enabled")}
            </label>
          </div>
          <table className="w-full text-sm" aria-label={`${t("admin.carriers.rules")} ${i + 1}`}>
            <thead className="text-left text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1 pr-3">{t("admin.carriers.rulesZone")}</th>
                <th className="py-1 pr-3">{t("admin.carriers.firstFee")}</th>
                <th className="py-1">{t("admin.carriers.additionalFee")}</th>
              </tr>
            </thead>
            <tbody>
              {ZONES.map((zone) => (
                <tr key={zone}>
                  <th scope="row" className="py-1 pr-3 text-left font-normal">
                    {t(`zone.${zone}`)}
                  </th>
                  {(["first", "additional"] as const).map((part) => (
                    <td key={part} className="py-1 pr-3">
                      <TextField
                        label={`${t(`zone.${zone}`)} ${part === "first" ? t("admin.carriers.firstFee") : t("admin.carriers.additionalFee")}`}
                        className="[&>label]:sr-only"
                        inputMode="decimal"
                        value={level.rules[zone][part]}
                        onChange={(e) => setLevel(i, { rules: { ...level.rules, [zone]: { ...level.rules[zone], [part]: e.target.value } } })}
                        error={localErrors[`l${i}.${zone}.${part}`]}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {levels.length > 1 && (
            <Button type="button" variant="ghost" onClick={() => setLevels((all) => all.filter((_, j) => j !== i))}>
              {t("admin.carriers.removeLevel")}
            </Button>
          )}
        </fieldset>
      ))}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="secondary" onClick={() => setLevels((all) => [...all, { ...emptyLevel(), code: `level_${all.length + 1}` }])}>
          {t("admin.carriers.addLevel")}
        </Button>
        <Button type="submit" disabled={mutation.isPending}>
          {initial?.id ? t("admin.carriers.save") : t("admin.carriers.create")}
        </Button>
      </div>
      {(Object.keys(localErrors).length > 0 || nestedError) && (
        <p role="alert" className="text-sm text-rose-700">
          {nestedError ?? t("admin.carriers.fixErrors")}
        </p>
      )}
    </form>
  );
}
