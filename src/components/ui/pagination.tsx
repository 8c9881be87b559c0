import { getTranslations } from "@/i18n/server";
import { PaginationLinks } from "./pagination-links";

/** Server-rendered pagination, labelled in the reader's language (see PaginationLinks). */
export async function Pagination(props: { page: number; pageSize: number; total: number; basePath: string; params: Record<string, string | undefined> }) {
  const t = await getTranslations("common.pagination");
  return <PaginationLinks {...props} labels={{ label: t("label"), previous: t("previous"), next: t("next"), pageOf: (page, pages) => t("pageOf", { page, pages }) }} />;
}
