import { CartView } from "@/components/shop/cart-view";
import { getTranslations } from "@/i18n/server";
import { api, orNotFound } from "@/trpc/server";

export async function generateMetadata() {
  return { title: (await getTranslations("shop.cart"))("title") };
}

export default async function CartPage() {
  const [t, caller] = await Promise.all([getTranslations("shop.cart"), api()]);
  const cart = await orNotFound(caller.cart.get(), "/cart");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <CartView cart={cart} />
    </div>
  );
}
