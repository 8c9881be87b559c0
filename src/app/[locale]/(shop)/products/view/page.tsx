import type { Metadata } from "next";
import { Suspense } from "react";
import { ProductView } from "@/components/shop/product-view";
import { LoadingState } from "@/components/ui/states";
import { getTranslationsFor } from "@/i18n/server";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  // The product's name becomes the title once ProductView has read it.
  return { title: getTranslationsFor((await params).locale, "shop.product")("pageTitle") };
}

/**
 * Every `/products/<id>` (next.config.ts): one page per language, the same for every product
 * and reader; the browser reads the product from the API, so price and stock are always the
 * current ones (the gateway caches the catalog's reads and drops them on every change). An
 * unknown or withdrawn product is answered 404 before this page is served (the gateway).
 */
export default async function ProductPage({ params }: Props) {
  const t = getTranslationsFor((await params).locale, "common");
  return (
    <Suspense fallback={<LoadingState label={t("states.loading")} />}>
      <ProductView />
    </Suspense>
  );
}
