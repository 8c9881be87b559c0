"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { fieldIssuesOf, useErrorText } from "@/components/forms/error-text";
import { mergeGuestCart } from "@/components/shop/guest-cart";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { sameOriginPath } from "@/lib/same-origin-path";
import { authPageHref, type SignInReason } from "@/lib/sign-in-reason";
import type { FieldIssues } from "@/lib/validation/field-issue";
import { checkFields, SIGN_UP_RULES } from "@/lib/validation/text-rules";
import { useTRPC, useTRPCClient } from "@/trpc/client";
import { AuthReason } from "../auth-reason";
import { signInWithPassword } from "../password-sign-in";

/** The sign-up form: creates the account, signs in, brings the guest cart along and returns to `callbackUrl`. */
export function SignUpForm({ callbackUrl, reason }: { callbackUrl: string | null; reason: SignInReason | null }) {
  const t = useTranslations("auth");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const router = useRouter();
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const errorText = useErrorText();
  // The form's own check of the last submit; the server's answer when the form found nothing.
  const [ownIssues, setOwnIssues] = useState<FieldIssues>();
  const issues = ownIssues ?? fieldIssuesOf(signUp.error);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { email: String(form.get("email") ?? ""), name: String(form.get("name") ?? ""), password: String(form.get("password") ?? "") };
    const found = checkFields(input, SIGN_UP_RULES);
    setOwnIssues(found);
    if (found) return;
    await signUp.mutateAsync(input).then(
      async () => {
        const signedIn = await signInWithPassword(input.email, input.password);
        if (!signedIn.ok) {
          router.replace(authPageHref("/sign-in", callbackUrl));
          return;
        }
        await mergeGuestCart((lines) => client.cart.merge.mutate(lines));
        // A full page load: the router may hold the sign-in redirect it was answered for this address before.
        window.location.assign(sameOriginPath(callbackUrl, window.location.origin));
      },
      () => undefined,
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <h1 className="text-2xl font-semibold">{t("signUpTitle")}</h1>
      <AuthReason page="signUp" reason={reason} />
      <TextField label={t("name")} name="name" autoComplete="name" required error={errorText.field(issues?.name)} />
      <TextField label={t("email")} name="email" type="email" autoComplete="email" required error={errorText.field(issues?.email)} />
      <TextField label={t("password")} name="password" type="password" autoComplete="new-password" required error={errorText.field(issues?.password)} />
      {signUp.error && !issues && (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-700">
          {errorText.refusal(signUp.error)}
        </p>
      )}
      <Button type="submit" disabled={signUp.isPending} className="w-full">
        {t("submitSignUp")}
      </Button>
      <p className="text-sm text-slate-600">
        {t("haveAccount")}{" "}
        <Link className="text-brand-700 underline" href={authPageHref("/sign-in", callbackUrl)}>
          {t("submitSignIn")}
        </Link>
      </p>
    </form>
  );
}
