"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

/** Only same-site paths are followed after sign-in (no open redirects). */
function safeCallback(value: string | null): string {
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export function SignInForm({ callbackUrl }: { callbackUrl: string | null }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setPending(false);
    if (result?.ok) {
      router.replace(safeCallback(callbackUrl));
      router.refresh();
      return;
    }
    const code = result?.error ?? "";
    if (code.startsWith("TooManyAttempts")) setError(t("errors.TooManyAttempts", { seconds: Number(code.split(":")[1] ?? 60) }));
    else if (code === "InvalidCredentials" || code === "CredentialsSignin") setError(t("errors.InvalidCredentials"));
    else setError(t("errors.generic"));
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <h1 className="text-2xl font-semibold">{t("signInTitle")}</h1>
      <TextField label={t("email")} name="email" type="email" autoComplete="email" required />
      <TextField label={t("password")} name="password" type="password" autoComplete="current-password" required />
      {error && (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-700">
          {error}
        </p>
      )}
      <Button type="submit" disabled={pending} className="w-full">
        {t("submitSignIn")}
      </Button>
      <p className="text-sm text-slate-600">
        {t("noAccount")}{" "}
        <Link className="text-brand-700 underline" href="/sign-up">
          {t("submitSignUp")}
        </Link>
      </p>
      <p className="text-xs text-slate-500">{t("demoHint")}</p>
    </form>
  );
}
