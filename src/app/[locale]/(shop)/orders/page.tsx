import { Suspense } from "react";
import { MyOrders, MyOrdersEarlyRead } from "@/components/shop/my-orders";
import { LoadingState } from "@/components/ui/states";
import { getTranslationsFor } from "@/i18n/server";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: getTranslationsFor((await params).locale, "shop.orders")("title") };
}

/**
 * My orders, read by the browser with the filter and page from the URL (MyOrders): the page is
 * built once per language. The query string is only known in the browser, hence the Suspense
 * boundary around what reads it: its fallback is what the built page shows until the script runs.
 * MyOrdersEarlyRead, outside it, starts the read in the header's batch.
 */
export default async function OrdersPage({ params }: Props) {
  const { locale } = await params;
  const [t, tc] = [getTranslationsFor(locale, "shop.orders"), getTranslationsFor(locale, "common")];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <MyOrdersEarlyRead />
      <Suspense fallback={<LoadingState label={tc("states.loading")} />}>
        <MyOrders />
      </Suspense>
    </div>
  );
}
