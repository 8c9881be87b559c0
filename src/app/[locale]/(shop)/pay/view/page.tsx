import type { Metadata } from "next";
import { CashierView } from "@/components/payment/cashier-view";
import { getTranslationsFor } from "@/i18n/server";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: getTranslationsFor((await params).locale, "payment")("cashier.metaTitle"), robots: { index: false } };
}

/**
 * Every `/pay/<orderId>` (next.config.ts): the cashier, one page per language, the same for every
 * order and shopper; the browser reads the order to pay from the API (CashierView). A visitor is
 * sent to sign in by the proxy, and an order that is not the reader's is answered 404 by the
 * gateway's page-visibility check, before this page is served.
 */
export default function PayPage() {
  // Built with the loading state: the id is in the browser's URL only. The cashier's read goes out
  // with the header's, in one batch, as the page hydrates.
  return <CashierView />;
}
