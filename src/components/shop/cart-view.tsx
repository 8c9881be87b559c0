"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useLocale, useTranslations } from "use-intl";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { formatMoney } from "@/lib/money";
import { useTRPC } from "@/trpc/client";
import type { CartView as Cart, CartLineView } from "@/trpc/types";
import { CartLineItem } from "./cart-line-item";
import { TotalsList } from "./totals-list";

/** A shopper's cart. Each change goes through tRPC, which answers with the cart as it now is. */
export function CartView({ cart }: { cart: Cart }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const showChanged = (changed: Cart) => queryClient.setQueryData(trpc.cart.get.queryKey(), changed);
  const update = useMutation(trpc.cart.update.mutationOptions({ onSuccess: showChanged }));
  const remove = useMutation(trpc.cart.remove.mutationOptions({ onSuccess: showChanged }));
  return (
    <CartBody
      cart={cart}
      busy={update.isPending || remove.isPending}
      failed={update.isError || remove.isError}
      onQuantity={(line, quantity) => update.mutate({ itemId: line.id, quantity })}
      onRemove={(line) => remove.mutate({ itemId: line.id })}
    />
  );
}

/** Lines, totals and the way to checkout, for a shopper's cart or a guest's. */
export function CartBody({
  cart,
  busy,
  failed,
  note,
  onQuantity,
  onRemove,
}: {
  cart: Cart;
  busy: boolean;
  failed: boolean;
  note?: React.ReactNode;
  onQuantity: (line: CartLineView, quantity: number) => void;
  onRemove: (line: CartLineView) => void;
}) {
  const t = useTranslations("shop.cart");
  const locale = useLocale();

  if (cart.lines.length === 0) {
    return (
      <EmptyState title={t("empty")}>
        <Link href="/" className={buttonClass("primary")}>
          {t("browse")}
        </Link>
      </EmptyState>
    );
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
      <section className="self-start rounded-lg border border-slate-200 bg-white shadow-sm">
        <ul aria-label={t("lines")} aria-busy={busy} className="px-5">
          {cart.lines.map((line) => (
            <CartLineItem key={line.id} line={line} busy={busy} onQuantity={(quantity) => onQuantity(line, quantity)} onRemove={() => onRemove(line)} />
          ))}
        </ul>
      </section>
      <Card className="space-y-4 self-start">
        <p className="text-sm text-slate-600">{t("itemCount", { count: cart.itemCount })}</p>
        <TotalsList
          label={t("itemsTotal")}
          rows={[{ label: t("itemsTotal"), value: formatMoney(cart.itemsTotalMinor, cart.currency, locale), emphasis: true, testId: "cart-total" }]}
        />
        {failed && (
          <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-700">
            {t("updateFailed")}
          </p>
        )}
        {note}
        <Link href="/checkout" className={buttonClass("primary", "w-full")} aria-disabled={busy}>
          {t("checkout")}
        </Link>
      </Card>
    </div>
  );
}
