"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTranslations } from "use-intl";
import { LoadingState } from "@/components/ui/states";
import { useTRPCClient } from "@/trpc/client";
import { CartBody } from "./cart-view";
import { removeFromGuestCart, setGuestQuantity, useGuestCart } from "./guest-cart";

/**
 * A visitor's cart: the lines this browser keeps, priced by the server (`cart.preview`) with
 * current prices and stock. "Checkout" asks them to sign in or sign up, which brings the cart along.
 */
export function GuestCartView() {
  const t = useTranslations("shop.cart");
  const tc = useTranslations("common");
  const client = useTRPCClient();
  const lines = useGuestCart();
  const preview = useQuery({
    queryKey: ["guest-cart-preview", lines],
    queryFn: () => client.cart.preview.mutate({ lines }),
    placeholderData: (previous) => previous,
  });
  const priced = preview.data;

  // Products the shop no longer sells are dropped from the browser's cart too.
  useEffect(() => {
    if (!priced || preview.isPlaceholderData) return;
    const gone = lines.filter((line) => !priced.lines.some((p) => p.productId === line.productId)).map((line) => line.productId);
    if (gone.length > 0) removeFromGuestCart(...gone);
  }, [priced, lines, preview.isPlaceholderData]);

  if (!priced) {
    return preview.isError ? (
      <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-700">
        {t("previewFailed")}
      </p>
    ) : (
      <LoadingState label={tc("states.loading")} />
    );
  }
  return (
    <CartBody
      cart={priced}
      busy={preview.isFetching}
      failed={preview.isError}
      note={<p className="text-sm text-slate-600">{t("guestNote")}</p>}
      onQuantity={(line, quantity) => setGuestQuantity(line.productId, quantity)}
      onRemove={(line) => removeFromGuestCart(line.productId)}
    />
  );
}
