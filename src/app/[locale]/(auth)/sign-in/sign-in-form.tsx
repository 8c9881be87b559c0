"use client";

import Link from "next/link";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { mergeGuestCart } from "@/components/shop/guest-cart";
import { sameOriginPath } from "@/lib/same-origin-path";
import { authPageHref, type SignInReason } from "@/lib/sign-in-reason";
import { useTRPCClient } from "@/trpc/client";
import { AuthReason } from "../auth-reason";
import { signInWithPassword } from "../password-sign-in";

/** The sign-in form: brings a guest cart into the account and returns to `callbackUrl`. */
export function SignInForm({ callbackUrl, reason }: { callbackUrl: string | null; reason: SignInReason | null }) {
  const t = useTranslations("auth");
  const tu = useTranslations("users.signIn");
  const client = useTRPCClient();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signInWithPassword(String(form.get("email") ?? ""), String(form.get("password") ?? ""));
    if (result.ok) {
      await mergeGuestCart((lines) => client.cart.merge.mutate(lines));
      // Only a path on this very origin is followed (compared as browsers resolve it: no open redirects).
      // A full page load: the router may hold the sign-in redirect it was answered for this address before.
      window.location.assign(sameOriginPath(callbackUrl, window.location.origin));
      return;
    }
    setPending(false);
    if (result.reason === "throttled") setError(t("errors.TooManyAttempts", { seconds: result.retryAfterSeconds }));
    else if (result.reason === "invalid") setError(t("errors.InvalidCredentials"));
    else if (result.reason === "DemoPasswordRefused" || result.reason === "AccountDisabled") setError(tu(result.reason));
    else setError(t("errors.generic"));
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <h1 className="text-2xl font-semibold">{t("signInTitle")}</h1>
      <AuthReason page="signIn" reason={reason} />
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
        <Link className="text-brand-700 underline" href={authPageHref("/sign-up", callbackUrl)}>
          {t("submitSignUp")}
        </Link>
      </p>
      <p className="text-xs text-slate-500">{t("demoHint")}</p>
    </form>
  );
}
