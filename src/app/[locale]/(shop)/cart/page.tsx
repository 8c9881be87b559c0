import { MyCart } from "@/components/shop/my-cart";
import { getTranslationsFor } from "@/i18n/server";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: getTranslationsFor((await params).locale, "shop.cart")("title") };
}

/**
 * The cart: a shopper's from the database, a visitor's from their browser (priced by the
 * server), both read by the browser (MyCart), so the page is built once per language.
 */
export default async function CartPage({ params }: Props) {
  const t = getTranslationsFor((await params).locale, "shop.cart");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <MyCart />
    </div>
  );
}
