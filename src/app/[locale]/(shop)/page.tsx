import { Suspense } from "react";
import { CatalogBrowser, CatalogEarlyRead } from "@/components/shop/catalog-browser";
import { getTranslationsFor } from "@/i18n/server";

/**
 * The catalog. Its list depends on the query string and the stock of the moment, so the
 * browser reads it from the API (CatalogBrowser); the page itself is built once per language.
 * The query string is only known in the browser, hence the Suspense boundary around what reads
 * it: its fallback is what the built page shows until the script runs. CatalogEarlyRead, outside
 * it, starts the catalog's reads in the header's batch.
 */
export default async function CatalogPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  const t = getTranslationsFor(locale, "shop");
  const tc = getTranslationsFor(locale, "common");
  return (
    <>
      <CatalogEarlyRead />
      <Suspense
        fallback={
          <div className="space-y-6">
            <h1 className="text-2xl font-semibold">{t("catalog.title")}</h1>
            <p className="text-sm text-slate-500">{tc("states.loading")}</p>
          </div>
        }
      >
        <CatalogBrowser />
      </Suspense>
    </>
  );
}
