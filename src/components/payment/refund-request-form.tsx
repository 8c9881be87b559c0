"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useLocale } from "use-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { formatMoney, parseMoney } from "@/lib/money";
import { newIdempotencyKey } from "@/lib/payment-ui";
import { productName } from "@/lib/product-image";
import { useTRPC } from "@/trpc/client";
import { paymentErrorData, type OrderPaymentSectionView } from "@/trpc/payment-types";
import { usePaymentText } from "./payment-text";

type Picked = Record<string, { checked: boolean; quantity: string }>;

/** An amount in minor units as the amount field shows it (12.34). */
const asInput = (minor: number) => (minor / 100).toFixed(2);

/**
 * The shopper's refund request: pick items and how many of each (the amount is computed from
 * what was paid for them, and may be lowered but not raised), or leave items unpicked and ask for
 * an amount only (the shipping fee, say). The server checks it all again.
 */
export function RefundRequestForm({ data, onDone, onCancel }: { data: OrderPaymentSectionView; onDone: () => Promise<void>; onCancel: () => void }) {
  const { t, errorMessage } = usePaymentText();
  const locale = useLocale();
  const trpc = useTRPC();
  const request = useMutation(trpc.payment.requestRefund.mutationOptions());
  const money = (minor: number) => formatMoney(minor, data.currency, locale);
  const refundable = data.items.filter((item) => item.refundableQuantity > 0);
  const [picked, setPicked] = useState<Picked>({});
  const [amountDraft, setAmountDraft] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ amount?: string; reason?: string; form?: string; items?: Record<string, string> }>({});
  const [key, setKey] = useState(newIdempotencyKey);

  const lines = refundable.flatMap((item) => {
    const pick = picked[item.orderItemId];
    if (!pick?.checked) return [];
    const quantity = Number(pick.quantity);
    return [{ item, quantity, valid: Number.isInteger(quantity) && quantity >= 1 && quantity <= item.refundableQuantity }];
  });
  const itemsValue = lines.reduce((sum, line) => sum + (line.valid ? line.quantity * line.item.unitPriceMinor : 0), 0);
  const byItems = lines.length > 0;
  const ceiling = byItems ? Math.min(itemsValue, data.refundableMinor) : data.refundableMinor;
  const amountText = amountDraft ?? (byItems ? asInput(ceiling) : "");

  function setPick(orderItemId: string, change: Partial<Picked[string]>) {
    setPicked((current) => ({ ...current, [orderItemId]: { checked: false, quantity: "1", ...current[orderItemId], ...change } }));
    // A new choice of items recomputes the amount.
    setAmountDraft(null);
  }

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    const itemErrors: Record<string, string> = {};
    for (const line of lines) if (!line.valid) itemErrors[line.item.orderItemId] = t("section.itemQuantityInvalid", { max: line.item.refundableQuantity });
    if (Object.keys(itemErrors).length) next.items = itemErrors;
    const minor = parseMoney(amountText);
    if (!byItems && !amountText.trim()) next.amount = t("section.nothingPicked");
    else if (minor === null || minor <= 0) next.amount = t("section.invalidAmount");
    else if (minor > ceiling) next.amount = byItems ? t("section.amountAboveItems", { amount: money(ceiling) }) : t("section.amountHint", { amount: money(ceiling) });
    if (!reason.trim()) next.reason = t("section.reasonPlaceholder");
    setErrors(next);
    if (next.amount || next.reason || next.items) return;
    try {
      await request.mutateAsync({
        orderId: data.orderId,
        amountMinor: minor!,
        reason: reason.trim(),
        idempotencyKey: key,
        items: byItems ? lines.map((line) => ({ orderItemId: line.item.orderItemId, quantity: line.quantity })) : undefined,
      });
      setKey(newIdempotencyKey());
      await onDone();
    } catch (cause) {
      const fields = paymentErrorData(cause).fieldErrors;
      setErrors(fields?.amountMinor ? { amount: errorMessage(cause) } : { form: errorMessage(cause) });
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4 border-t border-slate-200 pt-4" noValidate aria-labelledby="refund-form-title">
      <h3 id="refund-form-title" className="font-medium">
        {t("section.requestRefund")}
      </h3>
      <p className="text-sm text-slate-600">{t("section.refundable", { amount: money(data.refundableMinor) })}</p>
      {refundable.length > 0 && (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-700">{t("section.itemsLegend")}</legend>
          <p className="text-xs text-slate-500">{t("section.itemsIntro")}</p>
          <ul className="space-y-2">
            {refundable.map((item) => {
              const name = productName(item, locale);
              const pick = picked[item.orderItemId];
              const error = errors.items?.[item.orderItemId];
              return (
                <li key={item.orderItemId} className="flex flex-wrap items-center gap-3 rounded-md border border-slate-200 p-2 text-sm">
                  <label className="flex min-w-0 flex-1 items-start gap-2">
                    <input type="checkbox" className="mt-1" checked={pick?.checked ?? false} onChange={(e) => setPick(item.orderItemId, { checked: e.target.checked })} />
                    <span className="min-w-0">
                      <span className="font-medium">{name}</span>
                      <span className="block text-xs text-slate-500">
                        {t("section.itemDetail", { price: money(item.unitPriceMinor), refundable: item.refundableQuantity, bought: item.quantity })}
                      </span>
                    </span>
                  </label>
                  <input
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={item.refundableQuantity}
                    aria-label={t("section.itemQuantity", { name })}
                    aria-invalid={error ? true : undefined}
                    disabled={!pick?.checked}
                    value={pick?.quantity ?? "1"}
                    onChange={(e) => setPick(item.orderItemId, { quantity: e.target.value })}
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
      )}
      <TextField
        label={t("section.amount")}
        name="amount"
        inputMode="decimal"
        value={amountText}
        onChange={(e) => setAmountDraft(e.target.value)}
        hint={byItems ? t("section.amountFromItems", { amount: money(ceiling) }) : t("section.amountHint", { amount: money(data.refundableMinor) })}
        error={errors.amount}
      />
      <TextField
        label={t("section.reason")}
        name="reason"
        value={reason}
        maxLength={200}
        placeholder={t("section.reasonPlaceholder")}
        onChange={(e) => setReason(e.target.value)}
        error={errors.reason}
      />
      {errors.form && (
        <p role="alert" className="text-sm text-rose-700">
          {errors.form}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={request.isPending}>
          {request.isPending ? t("section.submitting") : t("section.submit")}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel} disabled={request.isPending}>
          {t("section.closeRefundForm")}
        </Button>
      </div>
    </form>
  );
}
