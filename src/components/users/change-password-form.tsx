"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { fieldIssuesOf, useErrorText } from "@/components/forms/error-text";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useTRPC } from "@/trpc/client";

/** Current and new password; the server checks both (the policy too) and ends the other sessions. */
export function ChangePasswordForm() {
  const t = useTranslations("users");
  const trpc = useTRPC();
  const [mismatch, setMismatch] = useState(false);
  const change = useMutation(trpc.account.changePassword.mutationOptions());
  const errorText = useErrorText();
  const issues = fieldIssuesOf(change.error);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const newPassword = String(data.get("newPassword") ?? "");
    setMismatch(newPassword !== String(data.get("confirmPassword") ?? ""));
    if (newPassword !== String(data.get("confirmPassword") ?? "")) return;
    change.mutate({ currentPassword: String(data.get("currentPassword") ?? ""), newPassword }, { onSuccess: () => form.reset() });
  }

  return (
    <form onSubmit={onSubmit} className="max-w-md space-y-4" noValidate>
      <TextField
        label={t("account.current")}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={errorText.field(issues?.currentPassword)}
      />
      <TextField
        label={t("account.new")}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint={t("account.hint")}
        error={errorText.field(issues?.newPassword)}
      />
      <TextField label={t("account.confirm")} name="confirmPassword" type="password" autoComplete="new-password" required error={mismatch ? t("account.mismatch") : undefined} />
      {change.isError && !issues && (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-700">
          {t("errors.failed")}
        </p>
      )}
      {change.isSuccess && (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
          {t("account.done", { count: change.data.otherSessionsEnded })}
        </p>
      )}
      <Button type="submit" disabled={change.isPending}>
        {t("account.submit")}
      </Button>
    </form>
  );
}
