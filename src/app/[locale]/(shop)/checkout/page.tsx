import Link from "next/link";
import { CheckoutForm } from "@/components/shop/checkout-form";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { getTranslations } from "@/i18n/server";
import { api, getMyCart, orNotFound } from "@/trpc/server";

export async function generateMetadata() {
  return { title: (await getTranslations("shop.checkout"))("title") };
}

export default async function CheckoutPage() {
  const [t, tc, caller] = await Promise.all([getTranslations("shop.checkout"), getTranslations("shop.cart"), api()]);
  const [cart, addresses] = await orNotFound(Promise.all([getMyCart(), caller.address.list()]), "/checkout");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {cart.lines.length === 0 ? (
        <EmptyState title={t("emptyCart")}>
          <Link href="/" className={buttonClass("primary")}>
            {tc("browse")}
          </Link>
        </EmptyState>
      ) : (
        <CheckoutForm cart={cart} addresses={addresses} />
      )}
    </div>
  );
}
