"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "use-intl";
import { LoadingState } from "@/components/ui/states";
import { useTRPC } from "@/trpc/client";
import { currentResult } from "@/trpc/current-result";
import { errorData } from "@/trpc/types";
import { CartView } from "./cart-view";
import { GuestCartView } from "./guest-cart-view";
import { ReadState } from "./read-state";

/**
 * The cart page's content, read by the browser so the page is built once per language. The
 * shopper's cart is asked for whoever reads, in the same batch as the header's call: a visitor's
 * answer is UNAUTHORIZED (an admin's FORBIDDEN), and they get the cart this browser keeps.
 */
export function MyCart() {
  const trpc = useTRPC();
  const tc = useTranslations("common");
  const query = useQuery(trpc.cart.get.queryOptions());
  const cart = currentResult(query);
  if (cart.status === "ready") return <CartView cart={cart.data} />;
  if (cart.status === "loading") return <LoadingState label={tc("states.loading")} />;
  const { code } = errorData(cart.error);
  if (code === "UNAUTHORIZED" || code === "FORBIDDEN") return <GuestCartView />;
  return <ReadState errors={[cart.error]} onRetry={() => void query.refetch()} />;
}
