"use client";

import { useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { productName } from "@/lib/product-image";

/** An order item as a refund form offers it: what was paid for one, bought, still refundable. */
export type RefundPickItem = { orderItemId: string; name: string; nameZh: string; unitPriceMinor: number; quantity: number; refundableQuantity: number };

type Picked = Record<string, { checked: boolean; quantity: string }>;

/** An amount in minor units as the amount field shows it (12.34). */
const asInput = (minor: number) => (minor / 100).toFixed(2);

/**
 * What a refund form has picked: items and how many of each, and the amount — computed from what
 * was paid for the picked items (never above what the payment can still refund) until the person
 * edits it. Shared by the shopper's refund request and the admin's direct refund, so both price
 * items the same way; the server prices them again (priceRefundItems).
 */
export function useRefundItemPick(items: readonly RefundPickItem[], refundableMinor: number) {
  const [picked, setPicked] = useState<Picked>({});
  const [amountDraft, setAmountDraft] = useState<string | null>(null);
  const offered = items.filter((item) => item.refundableQuantity > 0);
  const lines = offered.flatMap((item) => {
    const pick = picked[item.orderItemId];
    if (!pick?.checked) return [];
    const quantity = Number(pick.quantity);
    return [{ item, quantity, valid: Number.isInteger(quantity) && quantity >= 1 && quantity <= item.refundableQuantity }];
  });
  const itemsValue = lines.reduce((sum, line) => sum + (line.valid ? line.quantity * line.item.unitPriceMinor : 0), 0);
  const byItems = lines.length > 0;
  const ceiling = byItems ? Math.min(itemsValue, refundableMinor) : refundableMinor;
  return {
    offered,
    picked,
    lines,
    byItems,
    /** The most the amount may be: the picked items' value, or what is refundable when none are picked. */
    ceiling,
    amountText: amountDraft ?? (byItems ? asInput(ceiling) : ""),
    setAmountText: setAmountDraft,
    setPick(orderItemId: string, change: Partial<Picked[string]>) {
      setPicked((current) => ({ ...current, [orderItemId]: { checked: false, quantity: "1", ...current[orderItemId], ...change } }));
      // A new choice of items recomputes the amount.
      setAmountDraft(null);
    },
    /** The items as the refund procedures take them; undefined when the refund is by amount only. */
    itemsInput: () => (byItems ? lines.map((line) => ({ orderItemId: line.item.orderItemId, quantity: line.quantity })) : undefined),
    /** A message per picked item whose quantity is not a whole number within what is refundable. */
    itemErrors(message: (max: number) => string): Record<string, string> {
      return Object.fromEntries(lines.filter((line) => !line.valid).map((line) => [line.item.orderItemId, message(line.item.refundableQuantity)]));
    },
    reset() {
      setPicked({});
      setAmountDraft(null);
    },
  };
}

export type RefundItemPick = ReturnType<typeof useRefundItemPick>;

/** The items fieldset of a refund form: a checkbox and a quantity per item that can still be refunded. */
export function RefundItemPicker({ pick, intro, errors, money }: { pick: RefundItemPick; intro: string; errors?: Record<string, string>; money: (minor: number) => string }) {
  const t = useTranslations("payment.section");
  const locale = useLocale();
  if (pick.offered.length === 0) return null;
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">{t("itemsLegend")}</legend>
      <p className="text-xs text-slate-500">{intro}</p>
      <ul className="space-y-2">
        {pick.offered.map((item) => {
          const name = productName(item, locale);
          const chosen = pick.picked[item.orderItemId];
          const error = errors?.[item.orderItemId];
          return (
            <li key={item.orderItemId} className="flex flex-wrap items-center gap-3 rounded-md border border-slate-200 p-2 text-sm">
              <label className="flex min-w-0 flex-1 items-start gap-2">
                <input type="checkbox" className="mt-1" checked={chosen?.checked ?? false} onChange={(e) => pick.setPick(item.orderItemId, { checked: e.target.checked })} />
                <span className="min-w-0">
                  <span className="font-medium">{name}</span>
                  <span className="block text-xs text-slate-500">
                    {t("itemDetail", { price: money(item.unitPriceMinor), refundable: item.refundableQuantity, bought: item.quantity })}
                  </span>
                </span>
              </label>
              <input
                type="number"
                inputMode="numeric"
                min={1}
                max={item.refundableQuantity}
                aria-label={t("itemQuantity", { name })}
                aria-invalid={error ? true : undefined}
                disabled={!chosen?.checked}
                value={chosen?.quantity ?? "1"}
                onChange={(e) => pick.setPick(item.orderItemId, { quantity: e.target.value })}
                className="w-20 rounded-md border border-slate-300 px-2 py-1 text-center aria-[invalid=true]:border-rose-500 disabled:bg-slate-100"
              />
              {error && (
                <p role="alert" className="w-full text-xs text-rose-600">
                  {error}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
