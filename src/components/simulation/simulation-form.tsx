"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { useTRPC } from "@/trpc/client";
import { SIMULATION_OUTCOME_KEYS, type SimulationOutcomeKey } from "./simulation-types";

type ErrorData = { domainCode?: string; fieldErrors?: Record<string, string[] | undefined> };
const FIELDS = ["shoppers", "orders", "windowMinutes", "ordersPerMinute", "batchSize", "seed", "mix"] as const;
type Field = (typeof FIELDS)[number];

const DEFAULT_MIX: Record<SimulationOutcomeKey, number> = { paid: 50, failed_then_paid: 10, abandoned: 15, cancelled: 10, refunded: 10, delivery_exception: 5 };

const int = (value: string) => (value.trim() === "" ? undefined : Number(value));

/** The "new run" form: sizes, outcome mix, carriers, pacing and seed. */
export function SimulationForm({ carriers, onStarted }: { carriers: { code: string; name: string }[]; onStarted: (runId: string) => void }) {
  const t = useTranslations("simulation");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [mix, setMix] = useState(DEFAULT_MIX);
  const [pacing, setPacing] = useState<"fast" | "window" | "rate">("fast");
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const total = SIMULATION_OUTCOME_KEYS.reduce((sum, key) => sum + (Number.isFinite(mix[key]) ? mix[key] : 0), 0);

  const start = useMutation(
    trpc.adminSimulation.start.mutationOptions({
      onSuccess: async (run) => {
        setErrors({});
        setFormError(null);
        await queryClient.invalidateQueries({ queryKey: trpc.adminSimulation.list.queryKey() });
        onStarted(run.id);
      },
      onError: (error) => {
        const data = (error as { data?: ErrorData }).data ?? {};
        const fields = data.fieldErrors ?? {};
        const next: Partial<Record<Field, string>> = {};
        for (const field of FIELDS) if (fields[field]?.length) next[field] = t(`errors.${field}`);
        if (Object.keys(fields).some((f) => f.startsWith("mix"))) next.mix = t("errors.mix");
        setErrors(next);
        setFormError(
          data.domainCode === "SIMULATION_RUNNING" ? t("errors.running") : data.domainCode === "OUT_OF_STOCK" ? t("errors.noStock") : Object.keys(next).length ? null : t("errors.generic"),
        );
      },
    }),
  );

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (total !== 100) {
      setErrors({ mix: t("errors.mix") });
      return;
    }
    const form = new FormData(event.currentTarget);
    const value = (name: string) => int(String(form.get(name) ?? ""));
    start.mutate({
      shoppers: value("shoppers") ?? 0,
      orders: value("orders") ?? 0,
      mix,
      carriers: form.getAll("carriers").map(String),
      pacing,
      windowMinutes: pacing === "window" ? value("windowMinutes") : undefined,
      ordersPerMinute: pacing === "rate" ? value("ordersPerMinute") : undefined,
      batchSize: value("batchSize") ?? 20,
      seed: value("seed"),
    });
  }

  return (
    <form onSubmit={submit} aria-label={t("form.heading")} className="space-y-5 rounded-lg border border-slate-200 bg-white p-5" noValidate>
      <h2 className="text-lg font-semibold">{t("form.heading")}</h2>
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label={t("form.shoppers")} name="shoppers" type="number" min={1} max={1000} defaultValue={20} error={errors.shoppers} required />
        <TextField label={t("form.orders")} name="orders" type="number" min={1} max={1_000_000} defaultValue={200} error={errors.orders} required />
        <TextField label={t("form.batchSize")} name="batchSize" type="number" min={1} max={100} defaultValue={20} error={errors.batchSize} />
      </div>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">{t("form.mixHeading")}</legend>
        <div className="grid gap-3 sm:grid-cols-3">
          {SIMULATION_OUTCOME_KEYS.map((key) => (
            <TextField
              key={key}
              label={t(`outcome.${key}`)}
              type="number"
              min={0}
              max={100}
              value={Number.isFinite(mix[key]) ? mix[key] : ""}
              onChange={(e) => setMix((m) => ({ ...m, [key]: e.target.value === "" ? 0 : Number(e.target.value) }))}
            />
          ))}
        </div>
        <p className={total === 100 ? "text-xs text-slate-500" : "text-xs text-rose-600"} aria-live="polite">
          {t("form.mixTotal", { total })}
        </p>
        {errors.mix && (
          <p role="alert" className="text-xs text-rose-600">
            {errors.mix}
          </p>
        )}
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">{t("form.carriers")}</legend>
        {carriers.length === 0 ? (
          <p className="text-sm text-slate-500">{t("form.noCarriers")}</p>
        ) : (
          <div className="flex flex-wrap gap-4">
            {carriers.map((c) => (
              <label key={c.code} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="carriers" value={c.code} className="h-4 w-4" />
                {c.name}
              </label>
            ))}
          </div>
        )}
        <p className="text-xs text-slate-500">{t("form.carriersHint")}</p>
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField label={t("form.pacing")} value={pacing} onChange={(e) => setPacing(e.target.value as typeof pacing)}>
          <option value="fast">{t("form.pacingFast")}</option>
          <option value="window">{t("form.pacingWindow")}</option>
          <option value="rate">{t("form.pacingRate")}</option>
        </SelectField>
        {pacing === "window" && <TextField label={t("form.windowMinutes")} name="windowMinutes" type="number" min={1} max={1440} defaultValue={10} error={errors.windowMinutes} />}
        {pacing === "rate" && <TextField label={t("form.ordersPerMinute")} name="ordersPerMinute" type="number" min={1} max={6000} defaultValue={60} error={errors.ordersPerMinute} />}
        <TextField label={t("form.seed")} name="seed" type="number" min={0} hint={t("form.seedHint")} error={errors.seed} />
      </div>

      {formError && (
        <p role="alert" className="text-sm text-rose-700">
          {formError}
        </p>
      )}
      <Button type="submit" disabled={start.isPending}>
        {start.isPending ? t("form.starting") : t("form.start")}
      </Button>
    </form>
  );
}
