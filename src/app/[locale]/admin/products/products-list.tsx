"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "use-intl";
import { FilterForm, FilterInput, FilterSelect } from "@/components/admin/filter-form";
import { ListRows } from "@/components/admin/list/list-rows";
import { useEarlyRead, type ListReads } from "@/components/admin/list/use-early-read";
import { useListSearch } from "@/components/admin/list/use-list-search";
import { ProductImage } from "@/components/shop/product-image";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { OffsetPagination } from "@/components/ui/offset-pagination";
import { formatMoney } from "@/lib/money";
import { firstParams, pageParam, type RawSearchParams } from "@/lib/search-params";
import { useTRPC } from "@/trpc/client";

const STATUSES = ["visible", "hidden", "archived"] as const;
const TONE = { visible: "success", hidden: "warning", archived: "neutral" } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The page of products a query string asks for (an unknown status or a category that is not an id is no filter). */
function productsInput(raw: RawSearchParams) {
  const params = firstParams(raw, 100);
  const status = STATUSES.find((s) => s === params.status);
  const categoryId = params.category && UUID.test(params.category) ? params.category : undefined;
  return { page: pageParam(params.page, 10_000), pageSize: 25, q: params.q || undefined, categoryId, status };
}

const startReads: ListReads = ({ queryClient, trpc, raw }) => {
  void queryClient.prefetchQuery(trpc.adminCatalog.products.queryOptions(productsInput(raw)));
  void queryClient.prefetchQuery(trpc.adminCatalog.categories.queryOptions());
};

/** Starts the products list's reads in the header's batch (see useEarlyRead). */
export function ProductsEarlyRead() {
  useEarlyRead(startReads);
  return null;
}

/** Admin products: search by SKU or either name, filter by category and status, in pages; all of it in the URL, the rows read by the browser. */
export function ProductsList() {
  const t = useTranslations("catalog");
  const locale = useLocale();
  const trpc = useTRPC();
  const raw = useListSearch();
  const params = firstParams(raw, 100);
  const input = productsInput(raw);
  const { page, categoryId, status } = input;
  const list = useQuery(trpc.adminCatalog.products.queryOptions(input, { staleTime: 0 }));
  const categories = useQuery(trpc.adminCatalog.categories.queryOptions());
  const listParams = { q: params.q, category: categoryId, status };
  const name = (p: { nameEn: string; nameZh: string }) => (locale === "zh-CN" && p.nameZh ? p.nameZh : p.nameEn);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("admin.products.title")}</h1>
        <Link href="/admin/products/new" className={buttonClass()}>
          {t("admin.products.new")}
        </Link>
      </div>
      <FilterForm key={JSON.stringify(listParams)} label={t("admin.products.filters")} action="/admin/products" className="sm:grid-cols-2 lg:grid-cols-4">
        <FilterInput label={t("admin.products.search")} name="q" type="search" defaultValue={params.q} />
        <FilterSelect
          // A select takes its default value when it is created: it is created again once the categories it offers are in.
          key={categories.data ? "categories" : "loading"}
          label={t("admin.products.category")}
          name="category"
          defaultValue={categoryId}
          anyLabel={t("shop.allCategories")}
          options={(categories.data ?? []).map((c) => ({ value: c.id, label: locale === "zh-CN" ? c.nameZh : c.nameEn }))}
        />
        <FilterSelect
          label={t("admin.products.status")}
          name="status"
          defaultValue={status}
          anyLabel={t("admin.products.workingList")}
          options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
      </FilterForm>
      <ListRows query={list} empty={t("admin.products.empty")}>
        {(result) => (
          <DataTable
            label={t("admin.products.title")}
            rows={result.items}
            rowKey={(p) => p.id}
            empty={t("admin.products.empty")}
            columns={[
              { id: "sku", header: t("admin.products.columns.sku"), className: "font-mono text-xs", cell: (p) => p.sku },
              {
                id: "name",
                header: t("admin.products.columns.name"),
                cell: (p) => (
                  <Link href={`/admin/products/${p.id}`} className="flex items-center gap-2 text-brand-700 hover:underline">
                    <ProductImage imageUrl={p.imageUrl} alt={name(p)} size="grid" className="h-10 w-10" />
                    {name(p)}
                  </Link>
                ),
              },
              { id: "category", header: t("admin.products.columns.category"), cell: (p) => (locale === "zh-CN" ? p.categoryNameZh : p.categoryNameEn) },
              { id: "price", header: t("admin.products.columns.price"), align: "right", cell: (p) => formatMoney(p.priceMinor, p.currency, locale) },
              {
                id: "stock",
                header: t("admin.products.columns.stock"),
                align: "right",
                cell: (p) => <span className={p.available <= p.lowStockThreshold ? "font-medium text-rose-700" : undefined}>{`${p.available} / ${p.onHand}`}</span>,
              },
              { id: "status", header: t("admin.products.columns.status"), cell: (p) => <Badge tone={TONE[p.status]}>{t(`status.${p.status}`)}</Badge> },
            ]}
          />
        )}
      </ListRows>
      {/* Beside the rows, not in them: a page past the end still links back. */}
      {list.data && <OffsetPagination page={page} pageSize={list.data.pageSize} total={list.data.total} basePath="/admin/products" params={listParams} />}
    </div>
  );
}
