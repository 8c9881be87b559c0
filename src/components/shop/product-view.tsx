"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useLocale, useTranslations } from "use-intl";
import { FavouriteButton } from "@/components/favourite/favourite-button";
import { Card } from "@/components/ui/card";
import { formatMoney } from "@/lib/money";
import { pathIdAfter } from "@/lib/path-id";
import { formatWeight } from "@/lib/weight";
import { useTRPC } from "@/trpc/client";
import { AddToCartForm } from "./add-to-cart-form";
import { ProductImage } from "./product-image";
import { ReadState } from "./read-state";

/**
 * A product: picture, price, stock, details, add to cart and favourites. The page is the same
 * for every product and every reader; the product (price and stock as they are now) is read
 * here in one batch with the header's call, whose answer also says who reads (guest, shopper
 * or admin) for the cart and favourite buttons.
 */
export function ProductView() {
  const t = useTranslations("shop.product");
  const locale = useLocale();
  const trpc = useTRPC();
  const productId = pathIdAfter(usePathname(), "products") ?? "";
  const product = useQuery({ ...trpc.catalog.byId.queryOptions({ id: productId }), retry: false });
  const header = useQuery(trpc.auth.header.queryOptions(undefined, { staleTime: 0 }));
  if (!product.data) return <ReadState record errors={[product.error]} onRetry={() => void product.refetch()} />;
  const data = product.data;
  const role = header.data?.user?.role;
  const viewer = header.data === undefined ? undefined : !role ? "guest" : role === "admin" ? "admin" : "shopper";
  const zh = locale === "zh-CN";
  const name = zh && data.nameZh ? data.nameZh : data.name;
  const description = zh && data.descriptionZh ? data.descriptionZh : data.description;

  return (
    <div className="space-y-6">
      <title>{`${name} · shopflow`}</title>
      <Link href="/" className="text-sm text-brand-700 underline">
        {t("backToCatalog")}
      </Link>
      <div className="grid gap-8 md:grid-cols-2">
        <ProductImage imageUrl={data.imageUrl} alt={name} size="page" priority className="h-auto w-full rounded-lg border border-slate-200" />
        <div className="space-y-5">
          <div>
            <h1 className="text-2xl font-semibold">{name}</h1>
            <p className="mt-2 text-2xl font-semibold text-brand-700" data-testid="product-price">
              {formatMoney(data.priceMinor, data.currency, locale)}
            </p>
          </div>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm" aria-label={t("details")}>
            <dt className="text-slate-500">{t("availability")}</dt>
            <dd className={data.available > 0 ? "text-emerald-700" : "font-medium text-rose-700"}>
              {data.available > 0 ? t("inStock", { count: data.available }) : t("outOfStock")}
            </dd>
            <dt className="text-slate-500">{t("shipsFrom")}</dt>
            <dd>{data.shipFromCity}</dd>
            <dt className="text-slate-500">{t("weight")}</dt>
            <dd>{formatWeight(data.weightGrams, locale)}</dd>
            <dt className="text-slate-500">{t("category")}</dt>
            <dd>
              <Link className="text-brand-700 underline" href={`/?category=${encodeURIComponent(data.categorySlug)}`}>
                {zh ? data.categoryNameZh : data.categoryNameEn}
              </Link>
            </dd>
            <dt className="text-slate-500">{t("sku")}</dt>
            <dd className="font-mono">{data.sku}</dd>
          </dl>
          {/* Who reads decides what the buttons do; until the header's answer is in, they wait. */}
          {viewer && (
            <>
              <AddToCartForm productId={data.id} available={data.available} viewer={viewer} />
              <FavouriteButton productId={data.id} viewer={viewer} />
            </>
          )}
        </div>
      </div>
      <Card aria-labelledby="product-description">
        <h2 id="product-description" className="mb-2 font-medium">
          {t("description")}
        </h2>
        <p className="whitespace-pre-line text-slate-700">{description}</p>
      </Card>
    </div>
  );
}
