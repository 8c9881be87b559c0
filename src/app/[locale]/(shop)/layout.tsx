import { ShopHeader } from "@/components/layout/shop-header";
import { ShopIntlProvider } from "@/components/layout/shop-intl-provider";
import { toLocale } from "@/i18n/config";

/**
 * The shop's frame. It reads nothing per request: the header's per-shopper part (who is signed
 * in, the cart count, unread notifications) is read by the browser in one API call, so a shop
 * page whose own content is the same for everyone is built once per language.
 */
export default async function ShopLayout({ children, params }: { children: React.ReactNode; params: Promise<{ locale: string }> }) {
  const locale = toLocale((await params).locale);
  return (
    <ShopIntlProvider locale={locale}>
      <ShopHeader />
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </ShopIntlProvider>
  );
}
