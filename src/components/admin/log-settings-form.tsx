"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { useErrorText } from "@/components/forms/error-text";
import { SettingsSaveRow } from "@/components/admin/settings-save-row";
import { TextField } from "@/components/ui/field";
import { useTRPC } from "@/trpc/client";

/** How long log lines are kept: validated and audited on the server, its error beside the field. */
export function LogSettingsForm({ value }: { value: { retentionDays: number } }) {
  const t = useTranslations("logs.settings");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation(trpc.adminLogs.updateSettings.mutationOptions({ onSuccess: () => router.refresh() }));
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate({ retentionDays: Number(new FormData(event.currentTarget).get("retentionDays")) });
  }
  return (
    <form onSubmit={onSubmit} noValidate className="grid max-w-3xl gap-4 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-2">
      <TextField name="retentionDays" type="number" step="1" min="1" label={t("retentionDays")} defaultValue={String(value.retentionDays)} error={errorText.of(save.error, "retentionDays")} />
      <SettingsSaveRow pending={save.isPending} saved={save.isSuccess} saveLabel={t("save")} savedLabel={t("saved")} />
    </form>
  );
}
