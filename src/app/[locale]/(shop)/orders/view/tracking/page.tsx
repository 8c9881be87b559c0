import type { Metadata } from "next";
import { OrderTrackingView } from "@/components/logistics/order-tracking-view";
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
export default function OrderTrackingPage() {
  // Built with the loading state: the id is in the browser's URL only. The record's read goes out
  // with the header's, in one batch, as the page hydrates.
  return <OrderTrackingView />;
}
