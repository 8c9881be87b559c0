import Link from "next/link";
import { getTranslations } from "@/i18n/server";

/** The not-found message, shared by the root and the section not-found pages. */
export async function NotFoundContent() {
  const t = await getTranslations("common");
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center">
      <h1 className="text-2xl font-semibold">{t("states.notFoundTitle")}</h1>
      <p className="mt-2 text-slate-600">{t("states.notFoundBody")}</p>
      <Link href="/" className="mt-6 inline-block text-brand-700 underline">
        {t("states.backHome")}
      </Link>
    </div>
  );
}
