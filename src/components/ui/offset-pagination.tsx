"use client";

import { useTranslations } from "use-intl";
import { PaginationLinks } from "./pagination-links";

/**
 * `Pagination` for a client component: the same numbered links (page n of m), labelled with the
 * client's messages, for a list that reads its page in the browser.
 */
export function OffsetPagination(props: { page: number; pageSize: number; total: number; basePath: string; params: Record<string, string | undefined> }) {
  const t = useTranslations("common.pagination");
  return <PaginationLinks {...props} labels={{ label: t("label"), previous: t("previous"), next: t("next"), pageOf: (page, pages) => t("pageOf", { page, pages }) }} />;
}
