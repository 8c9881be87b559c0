"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { useErrorText } from "@/components/forms/error-text";
import { SettingsSaveRow } from "@/components/admin/settings-save-row";
import { TextField } from "@/components/ui/field";
import { useTRPC } from "@/trpc/client";

type Settings = { autoShipDelayMinutes: number; receiptWindowDays: number; afterSaleDays: number; timeScale: number };
const FIELDS = [
  ["autoShipDelayMinutes", "1"],
  ["receiptWindowDays", "0.01"],
  ["afterSaleDays", "1"],
  ["timeScale", "1"],
] as const;

/** Lifecycle timings and the time scale: validated and audited on the server, errors beside each field. */
export function LifecycleSettingsForm({ value }: { value: Settings }) {
  const t = useTranslations("lifecycle.settings");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation(trpc.lifecycle.updateSettings.mutationOptions({ onSuccess: () => router.refresh() }));
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate(Object.fromEntries(FIELDS.map(([key]) => [key, Number(form.get(key))])) as Settings);
  }
  return (
    <form onSubmit={onSubmit} noValidate className="grid max-w-3xl gap-4 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-2">
      {FIELDS.map(([key, step]) => (
        <TextField key={key} name={key} type="number" step={step} label={t(key)} defaultValue={String(value[key])} error={errorText.of(save.error, key)} />
      ))}
      <SettingsSaveRow pending={save.isPending} saved={save.isSuccess} saveLabel={t("save")} savedLabel={t("saved")} />
    </form>
  );
}
