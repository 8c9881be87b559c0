import { CartView } from "@/components/shop/cart-view";
import { GuestCartView } from "@/components/shop/guest-cart-view";
import { getTranslations } from "@/i18n/server";
import { getMyCart, getSession, orNotFound } from "@/trpc/server";

export async function generateMetadata() {
  return { title: (await getTranslations("shop.cart"))("title") };
}

/** The cart: a shopper's from the database, a visitor's from their browser (priced by the server). */
export default async function CartPage() {
  const [t, session] = await Promise.all([getTranslations("shop.cart"), getSession()]);
  const cart = session ? await orNotFound(getMyCart(), "/cart") : null;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {cart ? <CartView cart={cart} /> : <GuestCartView />}
    </div>
  );
}
