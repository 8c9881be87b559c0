import type { Metadata } from "next";
import { OrderView } from "@/components/shop/order-view";
import { getTranslationsFor } from "@/i18n/server";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  // The order's own title ("Order SF…") is set by OrderView once the order is read.
  return { title: getTranslationsFor((await params).locale, "shop.order")("pageTitle"), robots: { index: false } };
}

/**
 * Every `/orders/<id>` (next.config.ts): one page per language, the same for every order and
 * shopper; the browser reads the order from the API (OrderView). Whether the reader may see the
 * order is decided before this page is served (the gateway's page-visibility check: 404).
 */
export default function OrderPage() {
  // Built with the loading state: the id is in the browser's URL only. The record's read goes out
  // with the header's, in one batch, as the page hydrates.
  return <OrderView />;
}
