"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "use-intl";
import { ListRows } from "@/components/admin/list/list-rows";
import { useEarlyRead, type ListReads } from "@/components/admin/list/use-early-read";
import { useListSearch } from "@/components/admin/list/use-list-search";
import { ListTotal } from "@/components/admin/list-total";
import { DataTable } from "@/components/ui/data-table";
import { OffsetPagination } from "@/components/ui/offset-pagination";
import { firstParams, pageParam, type RawSearchParams } from "@/lib/search-params";
import { useTRPC } from "@/trpc/client";

/** The page of the low-stock queue a query string asks for. */
const lowStockInput = (raw: RawSearchParams) => ({ page: pageParam(firstParams(raw, 20).page, 10_000), pageSize: 25 });

const startReads: ListReads = ({ queryClient, trpc, raw }) => void queryClient.prefetchQuery(trpc.adminStock.lowStock.queryOptions(lowStockInput(raw)));

/** Starts the low-stock list's read in the header's batch (see useEarlyRead). */
export function StockEarlyRead() {
  useEarlyRead(startReads);
  return null;
}

/** The low-stock queue: products at or below their threshold, emptiest first, each linked to its stock page; the page number is in the URL, the rows are read by the browser. */
export function StockList() {
  const t = useTranslations("catalog.admin.stock");
  const td = useTranslations("dashboard");
  const locale = useLocale();
  const trpc = useTRPC();
  const input = lowStockInput(useListSearch());
  const { page } = input;
  const list = useQuery(trpc.adminStock.lowStock.queryOptions(input, { staleTime: 0 }));

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("lowTitle")}</h1>
      <p className="text-sm text-slate-600">{t("lowIntro")}</p>
      {list.data && <ListTotal total={list.data.total} isEstimate={false} exact={td("listTotal", { count: list.data.total })} />}
      <ListRows query={list} empty={t("lowEmpty")}>
        {(result) => (
          <DataTable
            label={t("lowTitle")}
            rows={result.items}
            rowKey={(r) => r.productId}
            empty={t("lowEmpty")}
            columns={[
              { id: "sku", header: t("lowColumns.sku"), className: "font-mono text-xs", cell: (r) => r.sku },
              {
                id: "name",
                header: t("lowColumns.name"),
                cell: (r) => (
                  <Link href={`/admin/products/${r.productId}`} className="text-brand-700 hover:underline">
                    {locale === "zh-CN" && r.nameZh ? r.nameZh : r.nameEn}
                  </Link>
                ),
              },
              { id: "available", header: t("lowColumns.available"), align: "right", cell: (r) => <span className="font-medium text-rose-700">{r.available}</span> },
              { id: "reserved", header: t("lowColumns.reserved"), align: "right", cell: (r) => r.reserved },
              { id: "threshold", header: t("lowColumns.threshold"), align: "right", cell: (r) => r.lowStockThreshold },
              { id: "visible", header: t("lowColumns.visible"), cell: (r) => (r.visible ? t("yes") : t("no")) },
            ]}
          />
        )}
      </ListRows>
      {/* Beside the rows, not in them: a page past the end still links back. */}
      {list.data && <OffsetPagination page={page} pageSize={list.data.pageSize} total={list.data.total} basePath="/admin/stock" params={{}} />}
    </div>
  );
}
