"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/field";
import { formatMoney, parseMoney } from "@/lib/money";
import { newIdempotencyKey } from "@/lib/payment-ui";
import { useTRPC } from "@/trpc/client";
import { paymentErrorData } from "@/trpc/payment-types";
import { usePaymentText } from "../payment-text";

/** Admin actions on one payment: cancel (open payments), ask the gateway (processing), refund directly (captured). */
export function PaymentAdminActions({
  paymentId,
  paymentSn,
  status,
  refundableMinor,
  currency,
}: {
  paymentId: string;
  paymentSn: string;
  status: string;
  refundableMinor: number;
  currency: string;
}) {
  const { t, errorMessage } = usePaymentText();
  const tc = useTranslations("orderHub");
  const locale = useLocale();
  const [confirming, setConfirming] = useState<number | null>(null);
  const trpc = useTRPC();
  const router = useRouter();
  const cancel = useMutation(trpc.adminPayment.cancel.mutationOptions());
  const query = useMutation(trpc.adminPayment.queryGateway.mutationOptions());
  const refund = useMutation(trpc.adminPayment.refund.mutationOptions());
  const [reason, setReason] = useState("");
  const [amount, setAmount] = useState("");
  const [refundReason, setRefundReason] = useState("");
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [fieldErrors, setFieldErrors] = useState<{ amount?: string; reason?: string }>({});
  const [key, setKey] = useState(newIdempotencyKey);
  const open = ["pending", "processing", "failed"].includes(status);
  const refundable = refundableMinor > 0;
  // Keep the outcome on screen after the action that used up the last refundable amount.
  if (!open && !refundable && status !== "processing" && !message) return null;

  async function run(action: () => Promise<string>) {
    setMessage(null);
    try {
      setMessage({ tone: "ok", text: await action() });
      router.refresh();
    } catch (cause) {
      setMessage({ tone: "error", text: errorMessage(cause) });
    }
  }

  async function onRefund(event: React.FormEvent) {
    event.preventDefault();
    const minor = parseMoney(amount);
    const errors = { amount: minor === null || minor <= 0 ? t("section.invalidAmount") : undefined, reason: refundReason.trim() ? undefined : t("section.reasonPlaceholder") };
    setFieldErrors(errors);
    if (errors.amount || errors.reason) return;
    setConfirming(minor);
  }

  async function refundConfirmed(minor: number) {
    setConfirming(null);
    await run(async () => {
      try {
        const result = await refund.mutateAsync({ paymentId, amountMinor: minor, reason: refundReason.trim(), idempotencyKey: key });
        setKey(newIdempotencyKey());
        setAmount("");
        setRefundReason("");
        return t("admin.detail.refundDone", { refundSn: result.refund.refundSn });
      } catch (cause) {
        if (paymentErrorData(cause).fieldErrors?.amountMinor) setFieldErrors({ amount: errorMessage(cause) });
        throw cause;
      }
    });
  }

  return (
    <Card aria-labelledby="payment-actions" className="space-y-4">
      <h2 id="payment-actions" className="font-medium">
        {t("admin.detail.actions")}
      </h2>
      {message && (
        <p role={message.tone === "ok" ? "status" : "alert"} className={message.tone === "ok" ? "text-sm text-emerald-700" : "text-sm text-rose-700"}>
          {message.text}
        </p>
      )}
      {status === "processing" && (
        <Button variant="secondary" disabled={query.isPending} onClick={() => run(async () => t("admin.detail.queried", { status: t(`status.${(await query.mutateAsync({ paymentId })).status as "succeeded"}`) }))}>
          {t("admin.detail.queryGateway")}
        </Button>
      )}
      {open && (
        <div className="space-y-2">
          <TextField label={t("admin.detail.cancelReason")} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
          <Button
            variant="danger"
            disabled={cancel.isPending}
            onClick={() =>
              run(async () => {
                await cancel.mutateAsync({ paymentId, reason: reason.trim() || undefined });
                return t("admin.detail.cancelled");
              })
            }
          >
            {t("admin.detail.cancel")}
          </Button>
        </div>
      )}
      {refundable && (
        <form onSubmit={onRefund} className="space-y-2 border-t border-slate-200 pt-3" noValidate>
          <h3 className="text-sm font-medium">{t("admin.detail.refund")}</h3>
          <p className="text-xs text-slate-500">{t("admin.detail.refundable", { amount: formatMoney(refundableMinor, currency, locale) })}</p>
          <TextField label={t("admin.detail.refundAmount")} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} error={fieldErrors.amount} />
          <TextField label={t("admin.detail.refundReason")} value={refundReason} maxLength={200} onChange={(e) => setRefundReason(e.target.value)} error={fieldErrors.reason} />
          <Button type="submit" disabled={refund.isPending}>
            {t("admin.detail.refundSubmit")}
          </Button>
        </form>
      )}
      {confirming !== null && (
        <ConfirmDialog
          open
          title={tc("refundTitle", { amount: formatMoney(confirming, currency, locale) })}
          amount={formatMoney(confirming, currency, locale)}
          body={tc("refundBody", { paymentSn })}
          confirmLabel={tc("refundConfirm", { amount: formatMoney(confirming, currency, locale) })}
          pending={refund.isPending}
          onClose={() => setConfirming(null)}
          onConfirm={() => refundConfirmed(confirming)}
        />
      )}
    </Card>
  );
}
