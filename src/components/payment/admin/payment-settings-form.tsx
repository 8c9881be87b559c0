"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { fieldIssuesOf, useErrorText } from "@/components/forms/error-text";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { PAYMENT_METHOD_KEYS, type PaymentMethodKey } from "@/lib/payment-ui";
import { useTRPC } from "@/trpc/client";
import type { PaymentSettingsView } from "@/trpc/payment-types";
import { usePaymentText } from "../payment-text";

type MethodDraft = { enabled: boolean; successPercent: string; minMs: string; maxMs: string };
type Draft = {
  ttlMinutes: string;
  successPercent: string;
  ambiguousTimeoutPercent: string;
  refundDelaySeconds: string;
  refundFailurePercent: string;
  useSeed: boolean;
  methods: Record<PaymentMethodKey, MethodDraft>;
};

function toDraft(s: PaymentSettingsView): Draft {
  return {
    ttlMinutes: String(s.ttlMinutes),
    successPercent: String(s.successPercent),
    ambiguousTimeoutPercent: String(s.ambiguousTimeoutPercent),
    refundDelaySeconds: String(s.refundDelaySeconds),
    refundFailurePercent: String(s.refundFailurePercent),
    useSeed: s.useSeed,
    methods: Object.fromEntries(
      PAYMENT_METHOD_KEYS.map((m) => [
        m,
        {
          enabled: s.methods[m].enabled,
          successPercent: s.methods[m].successPercent === null ? "" : String(s.methods[m].successPercent),
          minMs: String(s.methods[m].latency.minMs),
          maxMs: String(s.methods[m].latency.maxMs),
        },
      ]),
    ) as Record<PaymentMethodKey, MethodDraft>,
  };
}

/** Numbers as typed; anything not a number is sent as is so the server's validation names the field. */
const num = (text: string): number | string => (text.trim() !== "" && Number.isFinite(Number(text)) ? Number(text) : text);

/** Admin → Settings → Payments: the payment window, the simulated gateway and each method. Saved as one validated, logged change. */
export function PaymentSettingsForm({ initial }: { initial: PaymentSettingsView }) {
  const { t, errorMessage } = usePaymentText();
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const update = useMutation(trpc.adminPayment.settings.update.mutationOptions());
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setMethod = (m: PaymentMethodKey, patch: Partial<MethodDraft>) => setDraft((d) => ({ ...d, methods: { ...d.methods, [m]: { ...d.methods[m], ...patch } } }));

  async function onSave(event: React.FormEvent) {
    event.preventDefault();
    setMessage(null);
    setErrors({});
    const patch = {
      ttlMinutes: num(draft.ttlMinutes),
      successPercent: num(draft.successPercent),
      ambiguousTimeoutPercent: num(draft.ambiguousTimeoutPercent),
      refundDelaySeconds: num(draft.refundDelaySeconds),
      refundFailurePercent: num(draft.refundFailurePercent),
      useSeed: draft.useSeed,
      methods: Object.fromEntries(
        PAYMENT_METHOD_KEYS.map((m) => {
          const md = draft.methods[m];
          return [m, { enabled: md.enabled, successPercent: md.successPercent.trim() === "" ? null : num(md.successPercent), latency: { minMs: num(md.minMs), maxMs: num(md.maxMs) } }];
        }),
      ),
    };
    try {
      const saved = await update.mutateAsync({ patch });
      setDraft(toDraft(saved));
      setMessage({ ok: true, text: t("admin.settings.saved") });
      router.refresh();
    } catch (cause) {
      const fields = fieldIssuesOf(cause) ?? {};
      setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, errorText.field(v) ?? ""])));
      setMessage({ ok: false, text: errorMessage(cause) });
    }
  }

  const methodError = (m: PaymentMethodKey, ...paths: string[]) => paths.map((p) => errors[`methods.${m}.${p}`]).find(Boolean);

  return (
    <form onSubmit={onSave} className="space-y-6" noValidate>
      <Card aria-labelledby="general-settings" className="space-y-4">
        <h2 id="general-settings" className="font-medium">
          {t("admin.settings.general")}
        </h2>
        <div className="grid gap-4 md:grid-cols-2">
          <TextField label={t("admin.settings.ttlMinutes")} hint={t("admin.settings.ttlHint")} inputMode="numeric" value={draft.ttlMinutes} onChange={(e) => set("ttlMinutes", e.target.value)} error={errors.ttlMinutes} />
          <TextField
            label={t("admin.settings.successPercent")}
            hint={t("admin.settings.successHint")}
            inputMode="numeric"
            value={draft.successPercent}
            onChange={(e) => set("successPercent", e.target.value)}
            error={errors.successPercent}
          />
          <TextField
            label={t("admin.settings.ambiguousTimeoutPercent")}
            hint={t("admin.settings.ambiguousHint")}
            inputMode="numeric"
            value={draft.ambiguousTimeoutPercent}
            onChange={(e) => set("ambiguousTimeoutPercent", e.target.value)}
            error={errors.ambiguousTimeoutPercent}
          />
          <TextField
            label={t("admin.settings.refundDelaySeconds")}
            inputMode="numeric"
            value={draft.refundDelaySeconds}
            onChange={(e) => set("refundDelaySeconds", e.target.value)}
            error={errors.refundDelaySeconds}
          />
          <TextField
            label={t("admin.settings.refundFailurePercent")}
            inputMode="numeric"
            value={draft.refundFailurePercent}
            onChange={(e) => set("refundFailurePercent", e.target.value)}
            error={errors.refundFailurePercent}
          />
          <label className="flex items-center gap-2 self-end text-sm">
            <input type="checkbox" checked={draft.useSeed} onChange={(e) => set("useSeed", e.target.checked)} />
            {t("admin.settings.useSeed")}
          </label>
        </div>
      </Card>

      <Card aria-labelledby="method-settings" className="space-y-3">
        <h2 id="method-settings" className="font-medium">
          {t("admin.settings.methods")}
        </h2>
        {errors.methods && (
          <p role="alert" className="text-sm text-rose-700">
            {errors.methods}
          </p>
        )}
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm">
            <thead className="text-left text-slate-600">
              <tr>
                <th className="py-1 pr-3" />
                <th className="py-1 pr-3">{t("admin.settings.enabled")}</th>
                <th className="py-1 pr-3">
                  {t("admin.settings.methodSuccess")}
                  <span className="block text-xs font-normal text-slate-500">{t("admin.settings.methodSuccessHint")}</span>
                </th>
                <th className="py-1 pr-3">{t("admin.settings.latencyMin")}</th>
                <th className="py-1 pr-3">{t("admin.settings.latencyMax")}</th>
              </tr>
            </thead>
            <tbody>
              {PAYMENT_METHOD_KEYS.map((m) => {
                const md = draft.methods[m];
                const name = t(`method.${m}`);
                const cell = "w-24 rounded-md border border-slate-300 px-2 py-1 aria-[invalid=true]:border-rose-500";
                const rowError = methodError(m, "successPercent", "latency.minMs", "latency.maxMs");
                return (
                  <tr key={m} className="border-t border-slate-100 align-top">
                    <th scope="row" className="py-2 pr-3 text-left font-medium">
                      {name}
                      {rowError && (
                        <span role="alert" className="block text-xs font-normal text-rose-700">
                          {rowError}
                        </span>
                      )}
                    </th>
                    <td className="py-2 pr-3">
                      <input type="checkbox" aria-label={`${name} · ${t("admin.settings.enabled")}`} checked={md.enabled} onChange={(e) => setMethod(m, { enabled: e.target.checked })} />
                    </td>
                    <td className="py-2 pr-3">
                      <input
                        aria-label={`${name} · ${t("admin.settings.methodSuccess")}`}
                        inputMode="numeric"
                        className={cell}
                        value={md.successPercent}
                        aria-invalid={errors[`methods.${m}.successPercent`] ? true : undefined}
                        onChange={(e) => setMethod(m, { successPercent: e.target.value })}
                      />
                    </td>
                    <td className="py-2 pr-3">
                      <input
                        aria-label={`${name} · ${t("admin.settings.latencyMin")}`}
                        inputMode="numeric"
                        className={cell}
                        value={md.minMs}
                        aria-invalid={errors[`methods.${m}.latency.minMs`] ? true : undefined}
                        onChange={(e) => setMethod(m, { minMs: e.target.value })}
                      />
                    </td>
                    <td className="py-2 pr-3">
                      <input
                        aria-label={`${name} · ${t("admin.settings.latencyMax")}`}
                        inputMode="numeric"
                        className={cell}
                        value={md.maxMs}
                        aria-invalid={errors[`methods.${m}.latency.maxMs`] ? true : undefined}
                        onChange={(e) => setMethod(m, { maxMs: e.target.value })}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Card>

      <div className="flex items-center gap-3">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? t("admin.settings.saving") : t("admin.settings.save")}
        </Button>
        {message && (
          <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-sm text-emerald-700" : "text-sm text-rose-700"}>
            {message.text}
          </p>
        )}
      </div>
    </form>
  );
}
