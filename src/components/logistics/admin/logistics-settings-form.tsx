"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { useErrorText } from "@/components/forms/error-text";
import { SettingsSaveRow } from "@/components/admin/settings-save-row";
import { SelectField, TextField } from "@/components/ui/field";
import { useTRPC } from "@/trpc/client";

type Settings = {
  assignmentStrategy: "least_loaded" | "round_robin" | "nearest";
  failedAttemptRate: number;
  addressProblemRate: number;
  lostParcelRate: number;
  outageRate: number;
  maxDeliveryAttempts: number;
  staleAfterHours: number;
  workingHourStart: number;
  workingHourEnd: number;
  publicLookupsPerMinute: number;
};
const NUMBERS = [
  ["failedAttemptRate", "0.01"],
  ["addressProblemRate", "0.01"],
  ["lostParcelRate", "0.001"],
  ["outageRate", "0.01"],
  ["maxDeliveryAttempts", "1"],
  ["staleAfterHours", "1"],
  ["workingHourStart", "1"],
  ["workingHourEnd", "1"],
  ["publicLookupsPerMinute", "1"],
] as const;

/** The logistics settings form: validated and audited on the server; errors next to each field. */
export function LogisticsSettingsForm({ value }: { value: Settings }) {
  const t = useTranslations("logistics.admin.settings");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation(trpc.adminLogistics.updateSettings.mutationOptions({ onSuccess: () => router.refresh() }));
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    save.mutate({
      assignmentStrategy: String(form.get("assignmentStrategy")) as Settings["assignmentStrategy"],
      ...Object.fromEntries(NUMBERS.map(([key]) => [key, Number(form.get(key))])),
    });
  }
  return (
    <form onSubmit={onSubmit} noValidate className="grid max-w-3xl gap-4 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-2">
      <SelectField name="assignmentStrategy" label={t("assignmentStrategy")} defaultValue={value.assignmentStrategy} className="sm:col-span-2">
        {(["least_loaded", "round_robin", "nearest"] as const).map((s) => (
          <option key={s} value={s}>
            {t(`strategies.${s}`)}
          </option>
        ))}
      </SelectField>
      {NUMBERS.map(([key, step]) => (
        <TextField key={key} name={key} type="number" step={step} label={t(key)} defaultValue={String(value[key])} error={errorText.of(save.error, key)} />
      ))}
      <SettingsSaveRow pending={save.isPending} saved={save.isSuccess} saveLabel={t("save")} savedLabel={t("saved")} />
    </form>
  );
}
