import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { FavouriteButton } from "@/components/favourite/favourite-button";
import { AddToCartForm } from "@/components/shop/add-to-cart-form";
import { ProductImage } from "@/components/shop/product-image";
import { Card } from "@/components/ui/card";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatMoney } from "@/lib/money";
import { formatWeight } from "@/lib/weight";
import { api, getSession, orNotFound } from "@/trpc/server";

type Params = { params: Promise<{ id: string }> };

/** One read per request, shared by the metadata and the page. */
const loadProduct = cache(async (id: string) => (await api()).catalog.byId({ id }));

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  const product = await loadProduct(id).catch(() => null);
  const locale = await getLocale();
  return { title: product ? (locale === "zh-CN" && product.nameZh ? product.nameZh : product.name) : undefined };
}

export default async function ProductPage({ params }: Params) {
  const { id } = await params;
  const [t, locale, session] = await Promise.all([getTranslations("shop.product"), getLocale(), getSession()]);
  const product = await orNotFound(loadProduct(id));
  const viewer = !session ? "guest" : session.role === "admin" ? "admin" : "shopper";
  const saved = viewer === "shopper" ? (await (await api()).favourite.state({ productId: product.id })).saved : false;
  const zh = locale === "zh-CN";
  const name = zh && product.nameZh ? product.nameZh : product.name;
  const description = zh && product.descriptionZh ? product.descriptionZh : product.description;

  return (
    <div className="space-y-6">
      <Link href="/" className="text-sm text-brand-700 underline">
        {t("backToCatalog")}
      </Link>
      <div className="grid gap-8 md:grid-cols-2">
        <ProductImage imageUrl={product.imageUrl} alt={name} size="page" priority className="h-auto w-full rounded-lg border border-slate-200" />
        <div className="space-y-5">
          <div>
            <h1 className="text-2xl font-semibold">{name}</h1>
            <p className="mt-2 text-2xl font-semibold text-brand-700" data-testid="product-price">
              {formatMoney(product.priceMinor, product.currency, locale)}
            </p>
          </div>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm" aria-label={t("details")}>
            <dt className="text-slate-500">{t("availability")}</dt>
            <dd className={product.available > 0 ? "text-emerald-700" : "font-medium text-rose-700"}>
              {product.available > 0 ? t("inStock", { count: product.available }) : t("outOfStock")}
            </dd>
            <dt className="text-slate-500">{t("shipsFrom")}</dt>
            <dd>{product.shipFromCity}</dd>
            <dt className="text-slate-500">{t("weight")}</dt>
            <dd>{formatWeight(product.weightGrams, locale)}</dd>
            <dt className="text-slate-500">{t("category")}</dt>
            <dd>
              <Link className="text-brand-700 underline" href={`/?category=${encodeURIComponent(product.categorySlug)}`}>
                {locale === "zh-CN" ? product.categoryNameZh : product.categoryNameEn}
              </Link>
            </dd>
            <dt className="text-slate-500">{t("sku")}</dt>
            <dd className="font-mono">{product.sku}</dd>
          </dl>
          <AddToCartForm productId={product.id} available={product.available} viewer={viewer} />
          <FavouriteButton productId={product.id} initialSaved={saved} viewer={viewer} />
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
