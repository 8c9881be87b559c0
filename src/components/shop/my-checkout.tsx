"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "use-intl";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, LoadingState } from "@/components/ui/states";
import { useTRPC } from "@/trpc/client";
import { currentResult } from "@/trpc/current-result";
import { CheckoutForm } from "./checkout-form";
import { ReadState } from "./read-state";

/**
 * The checkout page's content: the shopper's cart and saved addresses, read by the browser in
 * the same batch as the header's call, so the page is built once per language. The proxy has
 * sent visitors to sign in before the page is served.
 */
export function MyCheckout() {
  const t = useTranslations("shop");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const cartQuery = useQuery(trpc.cart.get.queryOptions());
  const addressesQuery = useQuery(trpc.address.list.queryOptions());
  const [cart, addresses] = [currentResult(cartQuery), currentResult(addressesQuery)];

  if (cart.status === "failed" || addresses.status === "failed") {
    return <ReadState errors={[cartQuery.error, addressesQuery.error]} onRetry={() => void Promise.all([cartQuery.refetch(), addressesQuery.refetch()])} />;
  }
  if (cart.status === "loading" || addresses.status === "loading") return <LoadingState label={tc("states.loading")} />;
  if (cart.data.lines.length === 0) {
    return (
      <EmptyState title={t("checkout.emptyCart")}>
        <Link href="/" className={buttonClass("primary")}>
          {t("cart.browse")}
        </Link>
      </EmptyState>
    );
  }
  return <CheckoutForm cart={cart.data} addresses={addresses.data} />;
}
