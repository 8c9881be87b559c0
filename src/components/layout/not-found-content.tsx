"use client";

import Link from "next/link";
import { useTranslations } from "use-intl";

/**
 * The not-found message, shared by the root and the section not-found pages, from the client
 * messages every layout ships ("common"). A client component: Next renders a segment's
 * not-found element with every view of its pages, and a server component reading the language
 * from the request would make the pages built once per language per-request. It renders the
 * page title too (React puts it in the head), which the browser's render of a not-found view
 * would otherwise drop. `titleTemplate` is the section layout's title template.
 */
export function NotFoundContent({ titleTemplate = "%s · shopflow" }: { titleTemplate?: string }) {
  const t = useTranslations("common");
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
