"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { sameOriginPath } from "@/lib/same-origin-path";
import { signInWithPassword } from "../password-sign-in";

export function SignInForm({ callbackUrl }: { callbackUrl: string | null }) {
  const t = useTranslations("auth");
  const tu = useTranslations("users.signIn");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signInWithPassword(String(form.get("email") ?? ""), String(form.get("password") ?? ""));
    setPending(false);
    if (result.ok) {
      // Only a path on this very origin is followed (compared as browsers resolve it: no open redirects).
      router.replace(sameOriginPath(callbackUrl, window.location.origin));
      router.refresh();
      return;
    }
    if (result.reason === "throttled") setError(t("errors.TooManyAttempts", { seconds: result.retryAfterSeconds }));
    else if (result.reason === "invalid") setError(t("errors.InvalidCredentials"));
    else if (result.reason === "DemoPasswordRefused" || result.reason === "AccountDisabled") setError(tu(result.reason));
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
