import type { Metadata } from "next";
import { ProductView } from "@/components/shop/product-view";
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
export default function ProductPage() {
  // Built with the loading state: the id is in the browser's URL only. The record's read goes out
  // with the header's, in one batch, as the page hydrates.
  return <ProductView />;
}
