"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "use-intl";
import { fieldIssuesOf, useErrorText } from "@/components/forms/error-text";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useTRPC } from "@/trpc/client";
import { errorData } from "@/trpc/types";

/** The page a one-time reset link opens: choose a new password, once. */
export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("users");
  const trpc = useTRPC();
  const reset = useMutation(trpc.account.resetPassword.mutationOptions());
  const errorText = useErrorText();
  const { domainCode } = errorData(reset.error);
  const issues = fieldIssuesOf(reset.error);

  if (reset.isSuccess) {
    return (
      <div className="space-y-4">
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
          {t("reset.done")}
        </p>
        <Link className="text-brand-700 underline" href="/sign-in">
          {t("reset.signIn")}
        </Link>
      </div>
    );
  }
  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        reset.mutate({ token, newPassword: String(new FormData(event.currentTarget).get("newPassword") ?? "") });
      }}
    >
      <TextField
        label={t("account.new")}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint={t("account.hint")}
        error={errorText.field(issues?.newPassword)}
      />
      {reset.isError && !issues?.newPassword && (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-700">
          {domainCode === "RESET_LINK_INVALID" || issues?.token ? t("reset.invalid") : t("errors.failed")}
        </p>
      )}
      <Button type="submit" disabled={reset.isPending} className="w-full">
        {t("reset.submit")}
      </Button>
    </form>
  );
}
