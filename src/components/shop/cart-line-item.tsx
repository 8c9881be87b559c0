"use client";

import Link from "next/link";
import { useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { formatMoney } from "@/lib/money";
import { productName } from "@/lib/product-image";
import type { CartLineView } from "@/trpc/types";
import { ProductImage } from "./product-image";

export const MAX_LINE_QUANTITY = 99;

/** One cart line: product, unit price, a quantity control (−, field, +), line total and remove. */
export function CartLineItem({
  line,
  busy,
  onQuantity,
  onRemove,
}: {
  line: CartLineView;
  busy: boolean;
  onQuantity: (quantity: number) => void;
  onRemove: () => void;
}) {
  const t = useTranslations("shop.cart");
  const locale = useLocale();
  const [draft, setDraft] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const shown = draft ?? String(line.quantity);
  const name = productName(line, locale);

  function commit() {
    if (draft === null) return;
    const n = Number(draft);
    if (!Number.isInteger(n) || n < 1 || n > MAX_LINE_QUANTITY) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setDraft(null);
    if (n !== line.quantity) onQuantity(n);
  }

  const errorId = `qty-error-${line.id}`;
  return (
    <li className="grid grid-cols-[1fr_auto] gap-4 border-b border-slate-200 py-4 last:border-b-0 sm:grid-cols-[1fr_8rem_10rem_7rem_auto] sm:items-center">
      <div className="flex min-w-0 items-start gap-3">
        <ProductImage imageUrl={line.imageUrl} alt={name} size="grid" className="h-16 w-16" />
        <div className="min-w-0">
        <Link href={`/products/${line.productId}`} className="font-medium text-slate-900 hover:underline">
          {name}
        </Link>
        <p className="text-xs text-slate-500">{line.sku}</p>
        {line.available <= 0 ? (
          <p className="mt-1 text-xs font-medium text-rose-700">{t("unavailable")}</p>
        ) : line.quantity > line.available ? (
          <p className="mt-1 text-xs font-medium text-amber-700">{t("onlyAvailable", { count: line.available })}</p>
        ) : null}
        </div>
      </div>
      <p className="text-sm text-slate-700 sm:text-right">
        <span className="sr-only">{t("unitPrice")}: </span>
        {formatMoney(line.unitPriceMinor, line.currency, locale)}
      </p>
      <div className="col-span-2 sm:col-span-1">
        <div className="flex items-center gap-1">
          <Button
            type="button"
            variant="secondary"
            className="px-2.5 py-1"
            aria-label={t("decrease", { name })}
            disabled={busy || line.quantity <= 1}
            onClick={() => onQuantity(line.quantity - 1)}
          >
            −
          </Button>
          <input
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_LINE_QUANTITY}
            aria-label={t("quantityOf", { name })}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? errorId : undefined}
            className="w-16 rounded-md border border-slate-300 px-2 py-1 text-center text-sm aria-[invalid=true]:border-rose-500"
            value={shown}
            disabled={busy}
            onChange={(event) => setDraft(event.target.value)}
            onBlur={commit}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                commit();
              }
            }}
          />
          <Button
            type="button"
            variant="secondary"
            className="px-2.5 py-1"
            aria-label={t("increase", { name })}
            disabled={busy || line.quantity >= MAX_LINE_QUANTITY}
            onClick={() => onQuantity(line.quantity + 1)}
          >
            +
          </Button>
        </div>
        {invalid && (
          <p id={errorId} role="alert" className="mt-1 text-xs text-rose-600">
            {t("quantityInvalid", { max: MAX_LINE_QUANTITY })}
          </p>
        )}
      </div>
      <p className="text-sm font-medium sm:text-right" data-testid="line-total">
        <span className="sr-only">{t("lineTotal")}: </span>
        {formatMoney(line.lineTotalMinor, line.currency, locale)}
      </p>
      <Button type="button" variant="ghost" className="justify-self-end px-2 py-1 text-rose-700" aria-label={t("removeItem", { name })} disabled={busy} onClick={onRemove}>
        {t("remove")}
      </Button>
    </li>
  );
}
