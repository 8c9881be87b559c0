import { redirect } from "next/navigation";
import { ChangePasswordForm } from "@/components/users/change-password-form";
import { getTranslations } from "@/i18n/server";
import { getSession } from "@/trpc/server";

export async function generateMetadata() {
  return { title: (await getTranslations("users"))("account.title") };
}

/** Any signed-in user changes their own password here (admins too). */
export default async function AccountPasswordPage() {
  const [t, session] = await Promise.all([getTranslations("users"), getSession()]);
  if (!session) redirect("/sign-in?callbackUrl=%2Faccount%2Fpassword");
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{t("account.title")}</h1>
        <p className="max-w-3xl text-sm text-slate-600">{t("account.intro")}</p>
      </div>
      <ChangePasswordForm />
    </div>
  );
}
