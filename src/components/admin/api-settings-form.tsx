"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { useErrorText } from "@/components/forms/error-text";
import { SettingsSaveRow } from "@/components/admin/settings-save-row";
import { TextField } from "@/components/ui/field";
import { useTRPC } from "@/trpc/client";

/** The API rate limit: validated and audited on the server, its error beside the field. */
export function ApiSettingsForm({ value }: { value: { requestsPerMinute: number } }) {
  const t = useTranslations("admin.settings.api");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation(trpc.adminApi.updateSettings.mutationOptions({ onSuccess: () => router.refresh() }));
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate({ requestsPerMinute: Number(new FormData(event.currentTarget).get("requestsPerMinute")) });
  }
  return (
    <form onSubmit={onSubmit} noValidate className="grid max-w-3xl gap-4 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-2">
      <TextField
        name="requestsPerMinute"
        type="number"
        step="1"
        label={t("requestsPerMinute")}
        defaultValue={String(value.requestsPerMinute)}
        error={errorText.of(save.error, "requestsPerMinute")}
      />
      <SettingsSaveRow pending={save.isPending} saved={save.isSuccess} saveLabel={t("save")} savedLabel={t("saved")} />
    </form>
  );
}
