import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "@/i18n/server";

/** The not-found pages' title, in the reader's language (each not-found.tsx exports it as generateMetadata). */
export async function notFoundMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: t("states.notFoundTitle"), robots: { index: false } };
}

/**
 * The not-found message, shared by the root and the section not-found pages. It renders the
 * page title too (React puts it in the head): after `notFound()` in a page, Next leaves the
 * metadata out of what the browser hydrates, which would otherwise drop the title that
 * generateMetadata put in the HTML. `titleTemplate` is the section layout's title template.
 */
export async function NotFoundContent({ titleTemplate = "%s · shopflow" }: { titleTemplate?: string }) {
  const t = await getTranslations("common");
  return (
    <div className="mx-auto max-w-xl px-4 py-16 text-center">
      <title>{titleTemplate.replace("%s", t("states.notFoundTitle"))}</title>
      <h1 className="text-2xl font-semibold">{t("states.notFoundTitle")}</h1>
      <p className="mt-2 text-slate-600">{t("states.notFoundBody")}</p>
      <Link href="/" className="mt-6 inline-block text-brand-700 underline">
        {t("states.backHome")}
      </Link>
    </div>
  );
}
