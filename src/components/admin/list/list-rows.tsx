"use client";

import type { UseQueryResult } from "@tanstack/react-query";
import { useTranslations } from "use-intl";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";

/**
 * What an admin list shows while its page is read by the browser: a loading line, an error,
 * the list's own empty state, else its rows (`children`). The page around it is built once per
 * language, so these states are the ones the HTML carries before the rows arrive.
 */
export function ListRows<Page extends { items: readonly unknown[] }>({
  query,
  empty,
  children,
}: {
  query: UseQueryResult<Page, unknown>;
  /** Title of the empty state when no row matches. */
  empty: string;
  children: (page: Page) => React.ReactNode;
}) {
  const t = useTranslations("common.states");
  if (query.isError) return <ErrorState title={t("error")} />;
  if (!query.data) return <LoadingState label={t("loading")} />;
  if (query.data.items.length === 0) return <EmptyState title={empty} />;
  return children(query.data);
}
