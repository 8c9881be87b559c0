"use client";

import { useTranslations } from "use-intl";

/**
 * "Export CSV": a plain download link (not a client-side navigation) to the list's CSV with the
 * filters it shows now; the gateway streams every matching row. Worded once for every list.
 */
export function ExportCsvLink({ href }: { href: string }) {
  const t = useTranslations("common.listFilters");
  return (
    <a href={href} download title={t("exportHint")} data-testid="export-csv" className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50">
      {t("exportCsv")}
    </a>
  );
}
