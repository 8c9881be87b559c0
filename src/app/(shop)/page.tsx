import Link from "next/link";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState } from "@/components/ui/states";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatMoney } from "@/lib/money";
import { firstParams, pageParam, type RawSearchParams } from "@/lib/search-params";
import { api } from "@/trpc/server";

type SearchParams = { q?: string; category?: string; page?: string; sort?: string };
const SORTS = ["newest", "price_asc", "price_desc", "name"] as const;

export default async function CatalogPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params: SearchParams = firstParams(await searchParams, 64);
  const [t, tc, locale, caller] = await Promise.all([getTranslations("shop"), getTranslations("common"), getLocale(), api()]);
  const page = pageParam(params.page, 10_000);
  const sort = SORTS.find((s) => s === params.sort) ?? "newest";
  const [result, categories] = await Promise.all([
    caller.catalog.list({ q: params.q || undefined, category: params.category || undefined, page, pageSize: 12, sort }),
    caller.catalog.categories(),
  ]);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("catalog.title")}</h1>
      <form role="search" className="flex flex-wrap items-end gap-3" action="/">
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
          <select name="category" defaultValue={params.category ?? ""} className="rounded-md border border-slate-300 px-3 py-2">
            <option value="">{t("catalog.allCategories")}</option>
            {categories.map((c) => (
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
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          {tc("actions.search")}
        </button>
      </form>

      {result.items.length === 0 ? (
        <EmptyState title={t("catalog.noResults")} />
      ) : (
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label={t("catalog.title")}>
          {result.items.map((product) => (
            <li key={product.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <Link href={`/products/${product.id}`} className="block space-y-2">
                <div className="flex aspect-[4/3] items-center justify-center rounded bg-slate-100 text-3xl text-slate-400" aria-hidden>
                  {product.name.slice(0, 1)}
                </div>
                <h2 className="font-medium text-slate-900">{product.name}</h2>
                <p className="text-lg font-semibold text-brand-700">{formatMoney(product.priceMinor, product.currency, locale)}</p>
                <p className="text-xs text-slate-500">
                  {product.available > 0 ? t("catalog.inStock", { count: product.available }) : t("catalog.outOfStock")}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Pagination
        page={page}
        pageSize={result.pageSize}
        total={result.total}
        basePath="/"
        params={{ q: params.q, category: params.category, sort: params.sort }}
      />
    </div>
  );
}
