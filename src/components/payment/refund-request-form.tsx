"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useLocale } from "use-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { formatMoney, parseMoney } from "@/lib/money";
import { newIdempotencyKey } from "@/lib/payment-ui";
import { useTRPC } from "@/trpc/client";
import { paymentErrorData, type OrderPaymentSectionView } from "@/trpc/payment-types";
import { usePaymentText } from "./payment-text";
import { RefundItemPicker, useRefundItemPick } from "./refund-item-picker";

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
  const pick = useRefundItemPick(data.items, data.refundableMinor);
  const { byItems, ceiling, amountText } = pick;
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ amount?: string; reason?: string; form?: string; items?: Record<string, string> }>({});
  const [key, setKey] = useState(newIdempotencyKey);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    const itemErrors = pick.itemErrors((max) => t("section.itemQuantityInvalid", { max }));
    if (Object.keys(itemErrors).length) next.items = itemErrors;
    const minor = parseMoney(amountText);
    if (!byItems && !amountText.trim()) next.amount = t("section.nothingPicked");
    else if (minor === null || minor <= 0) next.amount = t("section.invalidAmount");
    else if (minor > ceiling) next.amount = byItems ? t("section.amountAboveItems", { amount: money(ceiling) }) : t("section.amountHint", { amount: money(ceiling) });
    if (!reason.trim()) next.reason = t("section.reasonPlaceholder");
    setErrors(next);
    if (next.amount || next.reason || next.items) return;
    try {
      await request.mutateAsync({ orderId: data.orderId, amountMinor: minor!, reason: reason.trim(), idempotencyKey: key, items: pick.itemsInput() });
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
      <RefundItemPicker pick={pick} intro={t("section.itemsIntro")} errors={errors.items} money={money} />
      <TextField
        label={t("section.amount")}
        name="amount"
        inputMode="decimal"
        value={amountText}
        onChange={(e) => pick.setAmountText(e.target.value)}
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
