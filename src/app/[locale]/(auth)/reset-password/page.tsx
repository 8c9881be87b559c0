import { ResetPasswordForm } from "@/components/users/reset-password-form";
import { getTranslations } from "@/i18n/server";
import { firstParams, type RawSearchParams } from "@/lib/search-params";

export async function generateMetadata() {
  return { title: (await getTranslations("users"))("reset.title") };
}

/** Opened from a one-time link an admin handed over (`/reset-password?token=…`). */
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const [{ token }, t] = await Promise.all([searchParams.then((raw) => firstParams(raw, 200)), getTranslations("users")]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("reset.title")}</h1>
      {token ? (
        <>
          <p className="text-sm text-slate-600">{t("reset.intro")}</p>
          <ResetPasswordForm token={token} />
        </>
      ) : (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-700">
          {t("reset.missing")}
        </p>
      )}
    </div>
  );
}
