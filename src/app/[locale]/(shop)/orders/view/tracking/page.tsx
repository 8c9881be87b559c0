import type { Metadata } from "next";
import { Suspense } from "react";
import { OrderTrackingView } from "@/components/logistics/order-tracking-view";
import { LoadingState } from "@/components/ui/states";
import { getTranslationsFor } from "@/i18n/server";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getTranslationsFor((await params).locale, "logistics")("tracking.section"), robots: { index: false } };
}

/**
 * Every `/orders/<id>/tracking` (next.config.ts): one page per language, the same for every
 * order; the browser reads the order and its parcel from the API. The gateway has checked the
 * order is the reader's before this page is served.
 */
export default async function OrderTrackingPage({ params }: Props) {
  const t = getTranslationsFor((await params).locale, "common");
  return (
    <Suspense fallback={<LoadingState label={t("states.loading")} />}>
      <OrderTrackingView />
    </Suspense>
  );
}
