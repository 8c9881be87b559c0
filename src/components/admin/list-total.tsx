"use client";

import { useLocale, useTranslations } from "use-intl";
import { formatEstimate } from "@/lib/list-sort";

/**
 * A list's total: the exact count as the list words it ("12 payments"), or, when more than
 * 1,000 rows match and the number is PostgreSQL's estimate, "About 1.2M (an estimate)".
 */
export function ListTotal({ total, isEstimate, exact, testId = "list-total" }: { total: number; isEstimate: boolean; exact: string; testId?: string }) {
  const t = useTranslations("common.pagination");
  const locale = useLocale();
  return (
    <p className="text-sm text-slate-600" data-testid={testId} data-estimate={isEstimate ? "true" : undefined}>
      {isEstimate ? t("estimate", { total: formatEstimate(total, locale) }) : exact}
    </p>
  );
}
