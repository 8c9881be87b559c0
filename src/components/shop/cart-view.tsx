"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { useLocale, useTranslations } from "use-intl";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { formatMoney } from "@/lib/money";
import { useTRPC } from "@/trpc/client";
import type { CartView as Cart } from "@/trpc/types";
import { CartLineItem } from "./cart-line-item";
import { TotalsList } from "./totals-list";

/**
 * The cart page body. The server renders the cart; each change goes through tRPC and then
 * `router.refresh()` re-renders the page and the header count from the database.
 */
export function CartView({ cart }: { cart: Cart }) {
  const t = useTranslations("shop.cart");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const refresh = () => startRefresh(() => router.refresh());
  const update = useMutation(trpc.cart.update.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.cart.remove.mutationOptions({ onSuccess: refresh }));
  const busy = update.isPending || remove.isPending || refreshing;

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
            <CartLineItem
              key={line.id}
              line={line}
              busy={busy}
              onQuantity={(quantity) => update.mutate({ itemId: line.id, quantity })}
              onRemove={() => remove.mutate({ itemId: line.id })}
            />
          ))}
        </ul>
      </section>
      <Card className="space-y-4 self-start">
        <p className="text-sm text-slate-600">{t("itemCount", { count: cart.itemCount })}</p>
        <TotalsList
          label={t("itemsTotal")}
          rows={[{ label: t("itemsTotal"), value: formatMoney(cart.itemsTotalMinor, cart.currency, locale), emphasis: true, testId: "cart-total" }]}
        />
        {(update.isError || remove.isError) && (
          <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-700">
            {t("updateFailed")}
          </p>
        )}
        <Link href="/checkout" className={buttonClass("primary", "w-full")} aria-disabled={busy}>
          {t("checkout")}
        </Link>
      </Card>
    </div>
  );
}
