import Link from "next/link";
import { getTranslations } from "@/i18n/server";

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <main className="mx-auto max-w-xl px-4 py-20 text-center">
      <h1 className="text-2xl font-semibold">{t("states.notFoundTitle")}</h1>
      <p className="mt-2 text-slate-600">{t("states.notFoundBody")}</p>
      <Link href="/" className="mt-6 inline-block text-brand-700 underline">
        {t("states.backHome")}
      </Link>
    </main>
  );
}
