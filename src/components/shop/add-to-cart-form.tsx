"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { Button, buttonClass } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useTRPC } from "@/trpc/client";
import { addToGuestCart } from "./guest-cart";

const MAX_QUANTITY = 99;

/**
 * Quantity + "Add to cart" on the product page. A signed-out visitor's cart is kept in this
 * browser until they sign in or sign up (then merged into the account's); an out-of-stock
 * product cannot be added; admins are told to use a shopper account.
 */
export function AddToCartForm({
  productId,
  available,
  viewer,
}: {
  productId: string;
  available: number;
  viewer: "guest" | "shopper" | "admin";
}) {
  const t = useTranslations("shop.product");
  const trpc = useTRPC();
  const [quantity, setQuantity] = useState("1");
  const [quantityError, setQuantityError] = useState<string | null>(null);
  const [guestAdded, setGuestAdded] = useState(false);
  // The header's cart count follows by itself: every successful mutation invalidates its read.
  const add = useMutation(trpc.cart.add.mutationOptions());
  const max = Math.max(1, Math.min(available, MAX_QUANTITY));
  const soldOut = available <= 0;

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const n = Number(quantity);
    if (!Number.isInteger(n) || n < 1 || n > max) {
      setQuantityError(t("quantityInvalid", { max }));
      return;
    }
    setQuantityError(null);
    if (viewer === "guest") {
      addToGuestCart(productId, n);
      setGuestAdded(true);
      return;
    }
    add.mutate({ productId, quantity: n });
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate>
      <TextField
        label={t("quantity")}
        name="quantity"
        type="number"
        inputMode="numeric"
        min={1}
        max={max}
        value={quantity}
        onChange={(event) => {
          setQuantity(event.target.value);
          add.reset();
          setGuestAdded(false);
        }}
        disabled={soldOut || viewer === "admin"}
        error={quantityError ?? undefined}
        className="max-w-32"
      />
      <Button type="submit" disabled={soldOut || viewer === "admin" || add.isPending}>
        {add.isPending ? t("adding") : t("addToCart")}
      </Button>
      {viewer === "guest" && <p className="text-sm text-slate-600">{t("guestCartHint")}</p>}
      {viewer === "admin" && <p className="text-sm text-slate-600">{t("shopperOnly")}</p>}
      {(add.isSuccess || guestAdded) && (
        <p role="status" className="flex flex-wrap items-center gap-3 rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
          {t("added")}
          <Link href="/cart" className={buttonClass("secondary", "py-1")}>
            {t("viewCart")}
          </Link>
        </p>
      )}
      {add.isError && (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-700">
          {t("addFailed")}
        </p>
      )}
    </form>
  );
}
