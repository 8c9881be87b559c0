"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEffect } from "react";
import { useLocale, useTranslations } from "use-intl";
import { ProductImage } from "@/components/shop/product-image";
import { PaginationLinks } from "@/components/ui/pagination-links";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { cn } from "@/lib/cn";
import { formatMoney, parseMoney } from "@/lib/money";
import { firstParams, pageParam } from "@/lib/search-params";
import { useTRPC } from "@/trpc/client";

const SORTS = ["newest", "price_asc", "price_desc", "name"] as const;
const PAGE_SIZE = 12;
const KEYS = ["q", "category", "page", "sort", "min", "max", "stock"] as const;

/** The catalog's query from the page's URL: the same parameters the search form sends. */
function catalogQueryOf(search: { get(name: string): string | null }) {
  // The first value of each, cleaned and bounded like every page's query (firstParams).
  const first = firstParams(Object.fromEntries(KEYS.map((key) => [key, search.get(key) ?? undefined])), 64);
  const params = { q: first.q, category: first.category, page: first.page, sort: first.sort, min: first.min, max: first.max, stock: first.stock };
  const sort = SORTS.find((s) => s === params.sort) ?? "newest";
  // A price bound that is not an amount is ignored rather than an error.
  const minPrice = params.min ? (parseMoney(params.min) ?? undefined) : undefined;
  const maxPrice = params.max ? (parseMoney(params.max) ?? undefined) : undefined;
  const inStock = params.stock === "1" || undefined;
  const page = pageParam(params.page, 10_000);
  return {
    params,
    sort,
    inStock,
    page,
    input: { q: params.q || undefined, category: params.category || undefined, page, pageSize: PAGE_SIZE, sort, minPrice, maxPrice, inStock },
    listParams: { q: params.q, category: params.category, sort: params.sort, min: params.min, max: params.max, stock: inStock ? "1" : undefined },
  };
}

/**
 * Starts the catalog's reads as the page hydrates, so they leave in the same batch as the
 * header's call. CatalogBrowser reads the query string under a Suspense boundary, which React
 * renders in a later task than the header: its own reads would be a second request. It finds
 * these under way instead.
 */
export function CatalogEarlyRead() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    const { input } = catalogQueryOf(new URLSearchParams(window.location.search));
    void queryClient.prefetchQuery(trpc.catalog.list.queryOptions(input));
    void queryClient.prefetchQuery(trpc.catalog.categories.queryOptions());
  }, [queryClient, trpc]);
  return null;
}

/**
 * The catalog: categories, the search form and a page of products, read from the API in the
 * browser so the page around it is the same for everyone and built once per language. Every
 * filter is in the URL, so a filtered list can be linked, bookmarked and reloaded.
 */
export function CatalogBrowser() {
  const t = useTranslations("shop");
  const tc = useTranslations("common");
  const tcat = useTranslations("catalog.shop");
  const locale = useLocale();
  const trpc = useTRPC();
  const { params, sort, inStock, page, input, listParams } = catalogQueryOf(useSearchParams());
  const list = useQuery(trpc.catalog.list.queryOptions(input));
  const categories = useQuery(trpc.catalog.categories.queryOptions());

  const categoryHref = (slug?: string) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...listParams, category: slug })) if (value) query.set(key, value);
    const text = query.toString();
    return text ? `/?${text}` : "/";
  };
  const nameOf = (p: { name: string; nameZh: string }) => (locale === "zh-CN" && p.nameZh ? p.nameZh : p.name);
  const categoryList = categories.data ?? [];

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("catalog.title")}</h1>
      <nav aria-label={tcat("categoriesNav")}>
        <ul className="flex min-h-7 flex-wrap gap-2 text-sm">
          {[{ slug: undefined, label: tcat("allCategories") }, ...categoryList.map((c) => ({ slug: c.slug, label: locale === "zh-CN" ? c.nameZh : c.nameEn }))].map((c) => {
            const current = (params.category || undefined) === c.slug;
            return (
              <li key={c.slug ?? ""}>
                <Link
                  href={categoryHref(c.slug)}
                  aria-current={current ? "page" : undefined}
                  className={cn("block rounded-full border px-3 py-1", current ? "border-brand-600 bg-brand-600 text-white" : "border-slate-300 bg-white hover:bg-slate-100")}
                >
                  {c.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {/* Keyed on the URL's query: the form's fields start from it again after a link changes it. */}
      <form key={JSON.stringify(listParams)} role="search" className="flex flex-wrap items-end gap-3" action="/">
        <label className="flex-1 text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("catalog.searchLabel")}</span>
          <input
            name="q"
            type="search"
            defaultValue={params.q ?? ""}
            placeholder={t("catalog.searchPlaceholder")}
            className="w-full rounded-md border border-slate-300 px-3 py-2"
          />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("catalog.categoryLabel")}</span>
          {/* Keyed on the categories: a select's default value applies only to its first render with options. */}
          <select key={categoryList.length} name="category" defaultValue={params.category ?? ""} className="rounded-md border border-slate-300 px-3 py-2">
            <option value="">{t("catalog.allCategories")}</option>
            {categoryList.map((c) => (
              <option key={c.id} value={c.slug}>
                {locale === "zh-CN" ? c.nameZh : c.nameEn}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("catalog.sortLabel")}</span>
          <select name="sort" defaultValue={sort} className="rounded-md border border-slate-300 px-3 py-2">
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`catalog.sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{tcat("minPrice")}</span>
          <input name="min" inputMode="decimal" defaultValue={params.min ?? ""} className="w-28 rounded-md border border-slate-300 px-3 py-2" />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{tcat("maxPrice")}</span>
          <input name="max" inputMode="decimal" defaultValue={params.max ?? ""} className="w-28 rounded-md border border-slate-300 px-3 py-2" />
        </label>
        <label className="flex items-center gap-2 self-center text-sm">
          <input type="checkbox" name="stock" value="1" defaultChecked={Boolean(inStock)} />
          {tcat("inStockOnly")}
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          {tc("actions.search")}
        </button>
      </form>

      {list.isError ? (
        <ErrorState title={tc("states.error")} />
      ) : !list.data ? (
        <p role="status" className="text-sm text-slate-500">
          {tc("states.loading")}
        </p>
      ) : list.data.items.length === 0 ? (
        <EmptyState title={t("catalog.noResults")} />
      ) : (
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label={t("catalog.title")}>
          {list.data.items.map((product) => (
            <li key={product.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <Link href={`/products/${product.id}`} className="block space-y-2">
                <ProductImage imageUrl={product.imageUrl} alt={nameOf(product)} size="grid" className="h-auto w-full" />
                <h2 className="font-medium text-slate-900">{nameOf(product)}</h2>
                <p className="text-lg font-semibold text-brand-700">{formatMoney(product.priceMinor, product.currency, locale)}</p>
                {product.available > 0 ? (
                  <p className="text-xs text-slate-500">{t("catalog.inStock", { count: product.available })}</p>
                ) : (
                  <p className="inline-block rounded bg-rose-50 px-2 py-0.5 text-xs font-medium text-rose-700">{t("catalog.outOfStock")}</p>
                )}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {list.data && (
        <PaginationLinks
          page={page}
          pageSize={list.data.pageSize}
          total={list.data.total}
          basePath="/"
          params={listParams}
          labels={{ label: tc("pagination.label"), previous: tc("pagination.previous"), next: tc("pagination.next"), pageOf: (p, pages) => tc("pagination.pageOf", { page: p, pages }) }}
        />
      )}
    </div>
  );
}
