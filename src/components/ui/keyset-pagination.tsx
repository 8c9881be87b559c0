"use client";

import Link from "next/link";
import { useTranslations } from "use-intl";

/**
 * Pagination of a keyset-paged list: Previous and Next are links carrying the page's cursors
 * (`?cursor=…`) and the list's other query parameters; the page number is shown, not a page
 * count (the total of a long list is an estimate).
 */
export function KeysetPagination({
  page,
  prevCursor,
  nextCursor,
  basePath,
  params,
}: {
  page: number;
  prevCursor: string | null;
  nextCursor: string | null;
  basePath: string;
  params: Record<string, string | undefined>;
}) {
  const t = useTranslations("common.pagination");
  if (!prevCursor && !nextCursor) return null;
  const href = (cursor: string) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value && key !== "page" && key !== "cursor") query.set(key, value);
    query.set("cursor", cursor);
    return `${basePath}?${query.toString()}`;
  };
  const link = "rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100";
  return (
    <nav aria-label={t("label")} className="mt-6 flex items-center justify-between text-sm">
      {prevCursor ? (
        <Link className={link} href={href(prevCursor)} rel="prev">
          {t("previous")}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-600" data-testid="page-number">
        {t("page", { page })}
      </span>
      {nextCursor ? (
        <Link className={link} href={href(nextCursor)} rel="next">
          {t("next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
