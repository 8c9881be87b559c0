import Link from "next/link";
import { ProductImage } from "@/components/shop/product-image";
import { FilterForm, FilterInput, FilterSelect } from "@/components/admin/filter-form";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatMoney } from "@/lib/money";
import { firstParams, pageParam, type RawSearchParams } from "@/lib/search-params";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("catalog.admin.products");
  return { title: t("title") };
}

const STATUSES = ["visible", "hidden", "archived"] as const;
const TONE = { visible: "success", hidden: "warning", archived: "neutral" } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Admin products: search by SKU or either name, filter by category and status, paged on the server. */
export default async function AdminProductsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const [params, t, locale, caller] = await Promise.all([searchParams.then((raw) => firstParams(raw, 100)), getTranslations("catalog"), getLocale(), api()]);
  const page = pageParam(params.page, 10_000);
  const status = STATUSES.find((s) => s === params.status);
  const categoryId = params.category && UUID.test(params.category) ? params.category : undefined;
  const [result, categories] = await Promise.all([
    caller.adminCatalog.products({ page, pageSize: 25, q: params.q || undefined, categoryId, status }),
    caller.adminCatalog.categories(),
  ]);
  const name = (p: { nameEn: string; nameZh: string }) => (locale === "zh-CN" && p.nameZh ? p.nameZh : p.nameEn);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("admin.products.title")}</h1>
        <Link href="/admin/products/new" className={buttonClass()}>
          {t("admin.products.new")}
        </Link>
      </div>
      <FilterForm label={t("admin.products.filters")} action="/admin/products" className="sm:grid-cols-2 lg:grid-cols-4">
        <FilterInput label={t("admin.products.search")} name="q" type="search" defaultValue={params.q} />
        <FilterSelect
          label={t("admin.products.category")}
          name="category"
          defaultValue={categoryId}
          anyLabel={t("shop.allCategories")}
          options={categories.map((c) => ({ value: c.id, label: locale === "zh-CN" ? c.nameZh : c.nameEn }))}
        />
        <FilterSelect
          label={t("admin.products.status")}
          name="status"
          defaultValue={status}
          anyLabel={t("admin.products.workingList")}
          options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        />
      </FilterForm>
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
      <Pagination page={page} pageSize={result.pageSize} total={result.total} basePath="/admin/products" params={{ q: params.q, category: categoryId, status }} />
    </div>
  );
}
