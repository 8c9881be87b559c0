import { MyCheckout } from "@/components/shop/my-checkout";
import { getTranslationsFor } from "@/i18n/server";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: getTranslationsFor((await params).locale, "shop.checkout")("title") };
}

/** Checkout, its cart and addresses read by the browser (MyCheckout): the page is built once per language. */
export default async function CheckoutPage({ params }: Props) {
  const t = getTranslationsFor((await params).locale, "shop.checkout");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <MyCheckout />
    </div>
  );
}
