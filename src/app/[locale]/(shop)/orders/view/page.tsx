import type { Metadata } from "next";
import { Suspense } from "react";
import { OrderView } from "@/components/shop/order-view";
import { LoadingState } from "@/components/ui/states";
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
export default async function OrderPage({ params }: Props) {
  const t = getTranslationsFor((await params).locale, "common");
  // The id and `?placed=1` are in the browser's URL only: what reads them waits for the browser.
  return (
    <Suspense fallback={<LoadingState label={t("states.loading")} />}>
      <OrderView />
    </Suspense>
  );
}
