import { Suspense } from "react";
import { LoadingState } from "@/components/ui/states";
import { getTranslationsFor } from "@/i18n/server";

/**
 * An admin list page built once per language: the list (filters, rows, total, pager) reads the
 * URL's query and its rows in the browser, so it sits under Suspense, and the built HTML carries
 * this fallback — the list's title and a loading line, no rows. `early`, outside the boundary,
 * starts the list's reads in the header's batch (see useEarlyRead).
 */
export function BuiltListPage({ locale, title, early, children }: { locale: string; title: string; early?: React.ReactNode; children: React.ReactNode }) {
  const t = getTranslationsFor(locale, "common");
  return (
    <>
      {early}
      <Suspense
        fallback={
          <div className="space-y-6">
            <h1 className="text-2xl font-semibold">{title}</h1>
            <LoadingState label={t("states.loading")} />
          </div>
        }
      >
        {children}
      </Suspense>
    </>
  );
}
