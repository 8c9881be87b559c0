"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useTRPC } from "@/trpc/client";
import { signInWithPassword } from "../password-sign-in";

export default function SignUpPage() {
  const t = useTranslations("auth");
  const trpc = useTRPC();
  const router = useRouter();
  const signUp = useMutation(trpc.auth.signUp.mutationOptions());
  const fieldErrors = signUp.error?.data?.fieldErrors as Record<string, string[] | undefined> | undefined;

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { email: String(form.get("email") ?? ""), name: String(form.get("name") ?? ""), password: String(form.get("password") ?? "") };
    await signUp.mutateAsync(input).then(
      async () => {
        await signInWithPassword(input.email, input.password);
        router.replace("/");
        router.refresh();
      },
      () => undefined,
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <h1 className="text-2xl font-semibold">{t("signUpTitle")}</h1>
      <TextField label={t("name")} name="name" autoComplete="name" required error={fieldErrors?.name} />
      <TextField label={t("email")} name="email" type="email" autoComplete="email" required error={fieldErrors?.email} />
      <TextField label={t("password")} name="password" type="password" autoComplete="new-password" required error={fieldErrors?.password} />
      {signUp.error && !fieldErrors && (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-700">
          {signUp.error.message}
        </p>
      )}
      <Button type="submit" disabled={signUp.isPending} className="w-full">
        {t("submitSignUp")}
      </Button>
      <p className="text-sm text-slate-600">
        {t("haveAccount")}{" "}
        <Link className="text-brand-700 underline" href="/sign-in">
          {t("submitSignIn")}
        </Link>
      </p>
    </form>
  );
}
