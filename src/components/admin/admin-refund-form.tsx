"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { RefundItemPicker, useRefundItemPick, type RefundPickItem } from "@/components/payment/refund-item-picker";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/field";
import { formatMoney, parseMoney } from "@/lib/money";
import { newIdempotencyKey } from "@/lib/payment-ui";
import { useTRPC } from "@/trpc/client";

type Errors = { amount?: string; reason?: string; items?: Record<string, string> };

/**
 * The order hub's "refund directly": pick items and how many of each, as the shopper's refund
 * form does (the amount follows from what was paid for them and may be lowered, not raised), or
 * pick none and enter an amount (the shipping fee, say). A dialog naming the amount asks first.
 */
export function AdminRefundForm({
  payment,
  currency,
  items,
  errorText,
  onDone,
}: {
  payment: { id: string; paymentSn: string; refundableMinor: number };
  currency: string;
  items: RefundPickItem[];
  /** The order hub's words for a refused action. */
  errorText: (cause: unknown) => string;
  onDone: (text: string) => void;
}) {
  const t = useTranslations("orderHub");
  const ts = useTranslations("payment.section");
  const locale = useLocale();
  const trpc = useTRPC();
  const refund = useMutation(trpc.adminPayment.refund.mutationOptions());
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const pick = useRefundItemPick(items, payment.refundableMinor);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [confirming, setConfirming] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);
  const amountMinor = parseMoney(pick.amountText);

  function ask(event: React.FormEvent) {
    event.preventDefault();
    const itemErrors = pick.itemErrors((max) => ts("itemQuantityInvalid", { max }));
    const next: Errors = {
      items: Object.keys(itemErrors).length ? itemErrors : undefined,
      amount:
        amountMinor === null || amountMinor <= 0
          ? t("invalidAmount")
          : amountMinor > pick.ceiling
            ? pick.byItems
              ? ts("amountAboveItems", { amount: money(pick.ceiling) })
              : t("tooMuch", { amount: money(pick.ceiling) })
            : undefined,
      reason: reason.trim() ? undefined : t("reasonRequired"),
    };
    setErrors(next);
    if (!next.items && !next.amount && !next.reason) {
      setDialogError(null);
      setConfirming(true);
    }
  }

  async function confirm() {
    if (amountMinor === null) return;
    setDialogError(null);
    try {
      const done = await refund.mutateAsync({ paymentId: payment.id, amountMinor, reason: reason.trim(), idempotencyKey: key, items: pick.itemsInput() });
      setKey(newIdempotencyKey());
      pick.reset();
      setReason("");
      setConfirming(false);
      onDone(t("refundDone", { refundSn: done.refund.refundSn, amount: money(done.refund.amountMinor) }));
    } catch (cause) {
      setDialogError(errorText(cause));
    }
  }

  return (
    <form onSubmit={ask} className="space-y-3 border-t border-slate-200 pt-3" noValidate aria-labelledby="admin-order-refund-title">
      <h3 id="admin-order-refund-title" className="text-sm font-medium">
        {t("refund")}
      </h3>
      <p className="text-xs text-slate-500">{t("refundable", { amount: money(payment.refundableMinor) })}</p>
      <RefundItemPicker pick={pick} intro={t("refundItemsIntro")} errors={errors.items} money={money} />
      <div className="grid gap-2 sm:grid-cols-2">
        <TextField
          label={t("refundAmount")}
          inputMode="decimal"
          value={pick.amountText}
          onChange={(e) => pick.setAmountText(e.target.value)}
          hint={pick.byItems ? ts("amountFromItems", { amount: money(pick.ceiling) }) : ts("amountHint", { amount: money(payment.refundableMinor) })}
          error={errors.amount}
        />
        <TextField label={t("refundReason")} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} error={errors.reason} />
      </div>
      <Button type="submit" variant="secondary">
        {t("refundSubmit")}
      </Button>
      {amountMinor !== null && (
        <ConfirmDialog
          open={confirming}
          title={t("refundTitle", { amount: money(amountMinor) })}
          amount={money(amountMinor)}
          body={t("refundBody", { paymentSn: payment.paymentSn })}
          confirmLabel={t("refundConfirm", { amount: money(amountMinor) })}
          pending={refund.isPending}
          error={dialogError}
          onClose={() => setConfirming(false)}
          onConfirm={confirm}
        />
      )}
    </form>
  );
}
