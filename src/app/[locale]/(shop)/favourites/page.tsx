import Link from "next/link";
import { RemoveFavouriteButton } from "@/components/favourite/remove-favourite-button";
import { ProductImage } from "@/components/shop/product-image";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState } from "@/components/ui/states";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatMoney } from "@/lib/money";
import { firstParams, pageParam, type RawSearchParams } from "@/lib/search-params";
import { api, orNotFound } from "@/trpc/server";

export async function generateMetadata() {
  return { title: (await getTranslations("catalog.favourites"))("title") };
}

/** The shopper's saved products with today's price and availability. */
export default async function FavouritesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const [params, t, locale, caller] = await Promise.all([searchParams.then((raw) => firstParams(raw, 20)), getTranslations("catalog.favourites"), getLocale(), api()]);
  const page = pageParam(params.page, 10_000);
  const result = await orNotFound(caller.favourite.list({ page, pageSize: 24 }), "/favourites");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {result.items.length === 0 ? (
        <EmptyState title={t("empty")} />
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label={t("title")}>
          {result.items.map((f) => {
            const name = locale === "zh-CN" && f.nameZh ? f.nameZh : f.name;
            return (
              <li key={f.productId} className="flex flex-wrap items-center gap-4 p-4">
                <ProductImage imageUrl={f.imageUrl} alt={name} size="grid" className="h-16 w-16" />
                <div className="min-w-0 flex-1">
                  {f.onSale ? (
                    <Link href={`/products/${f.productId}`} className="font-medium text-brand-700 hover:underline">
                      {name}
                    </Link>
                  ) : (
                    <span className="font-medium text-slate-500">{name}</span>
                  )}
                  <p className="text-sm text-slate-600">
                    {formatMoney(f.priceMinor, f.currency, locale)} ·{" "}
                    <span className={!f.onSale || f.available <= 0 ? "text-rose-700" : "text-emerald-700"}>
                      {!f.onSale ? t("unavailable") : f.available > 0 ? t("inStock") : t("outOfStock")}
                    </span>
                  </p>
                </div>
                <RemoveFavouriteButton productId={f.productId} name={name} />
              </li>
            );
          })}
        </ul>
      )}
      <Pagination page={page} pageSize={result.pageSize} total={result.total} basePath="/favourites" params={{}} />
    </div>
  );
}
