"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useLocale } from "use-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { useOrderRefresh } from "@/components/shop/use-order-refresh";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { formatDateTime } from "@/lib/dates";
import { formatMoney, parseMoney } from "@/lib/money";
import { PAYMENT_STATUS_TONE, REFUND_STATUS_TONE, newIdempotencyKey, type PaymentStatusKey, type RefundStatusKey } from "@/lib/payment-ui";
import { useTRPC } from "@/trpc/client";
import { paymentErrorData } from "@/trpc/payment-types";
import { usePaymentText } from "./payment-text";

const IN_FLIGHT = new Set(["requested", "approved", "processing"]);

/**
 * The payment part of a shopper's order: each payment with its status and history, the
 * refunds with their status, and the refund request form while money can still be refunded.
 * Refreshes itself while a refund or a payment is under way.
 */
export function OrderPaymentSection({ orderId }: { orderId: string }) {
  const { t, errorMessage, failure } = usePaymentText();
  const locale = useLocale();
  const trpc = useTRPC();
  const section = useQuery({
    ...trpc.payment.forOrder.queryOptions({ orderId }),
    refetchInterval: (query) => {
      const data = query.state.data;
      const busy = data?.refunds.some((r) => IN_FLIGHT.has(r.status)) || data?.payments.some((p) => p.status === "processing");
      return busy ? 2000 : false;
    },
  });
  const request = useMutation(trpc.payment.requestRefund.mutationOptions());
  const { refresh } = useOrderRefresh(orderId);
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ amount?: string; reason?: string; form?: string }>({});
  const [done, setDone] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);

  if (section.isPending) return <LoadingState label={t("section.loading")} />;
  if (section.isError) return <ErrorState title={t("section.loadError")} message={errorMessage(section.error)} />;
  const data = section.data;
  const money = (minor: number) => formatMoney(minor, data.currency, locale);

  async function onRequest(event: React.FormEvent) {
    event.preventDefault();
    setDone(false);
    const minor = parseMoney(amount);
    const next: typeof errors = {};
    if (minor === null || minor <= 0) next.amount = t("section.invalidAmount");
    if (!reason.trim()) next.reason = t("section.reasonPlaceholder");
    setErrors(next);
    if (next.amount || next.reason) return;
    try {
      await request.mutateAsync({ orderId, amountMinor: minor!, reason: reason.trim(), idempotencyKey: key });
      setDone(true);
      setAmount("");
      setReason("");
      setKey(newIdempotencyKey());
      // A refund request can move the order too (its status and history are server-rendered).
      await refresh();
    } catch (cause) {
      const fields = paymentErrorData(cause).fieldErrors;
      setErrors({ amount: fields?.amountMinor ? errorMessage(cause) : undefined, form: fields?.amountMinor ? undefined : errorMessage(cause) });
    }
  }

  return (
    <Card aria-labelledby="payment-section-title" className="space-y-5">
      {/* "Pay now" lives in the order's own actions; this section reports and refunds. */}
      <h2 id="payment-section-title" className="text-lg font-semibold">
        {t("section.title")}
      </h2>

      {data.payments.length === 0 ? (
        <p className="text-sm text-slate-500">{t("section.noPayments")}</p>
      ) : (
        <ul className="space-y-4" aria-label={t("section.title")}>
          {data.payments.map((payment) => (
            <li key={payment.id} className="space-y-2 rounded-md border border-slate-200 p-3">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-mono text-sm">{t("section.paymentSn", { paymentSn: payment.paymentSn })}</span>
                <Badge tone={PAYMENT_STATUS_TONE[payment.status as PaymentStatusKey]}>{t(`status.${payment.status}`)}</Badge>
              </div>
              <p className="text-sm text-slate-600">
                {money(payment.amountMinor)} · {t(`method.${payment.method}`)} · {t("section.attempts", { count: payment.attemptCount })}
              </p>
              {payment.status === "failed" && <p className="text-sm text-rose-700">{failure(payment.failureCode)}</p>}
              <details className="text-sm">
                <summary className="cursor-pointer text-slate-600">{t("section.history")}</summary>
                <ol className="mt-2 space-y-1 border-l border-slate-200 pl-3">
                  {payment.history.map((entry, i) => (
                    <li key={i} className="text-slate-700">
                      <time className="text-xs text-slate-500" dateTime={entry.createdAt.toISOString()}>
                        {formatDateTime(entry.createdAt, locale)}
                      </time>{" "}
                      {entry.toStatus ? t(`status.${entry.toStatus as PaymentStatusKey}`) : null}
                    </li>
                  ))}
                </ol>
              </details>
            </li>
          ))}
        </ul>
      )}

      <section aria-labelledby="refunds-title" className="space-y-2">
        <h3 id="refunds-title" className="font-medium">
          {t("section.refunds")}
        </h3>
        {data.refunds.length === 0 ? (
          <p className="text-sm text-slate-500">{t("section.noRefunds")}</p>
        ) : (
          <ul className="space-y-2" aria-label={t("section.refunds")}>
            {data.refunds.map((refund) => (
              <li key={refund.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-slate-50 p-2 text-sm">
                <span>
                  <span className="font-mono">{t("section.refundLine", { refundSn: refund.refundSn, amount: money(refund.amountMinor) })}</span>
                  <span className="block text-xs text-slate-500">{refund.reason}</span>
                  {refund.reviewNote && <span className="block text-xs text-slate-500">{t("section.note", { note: refund.reviewNote })}</span>}
                  {refund.status === "failed" && <span className="block text-xs text-rose-700">{failure(refund.failureCode)}</span>}
                </span>
                <Badge tone={REFUND_STATUS_TONE[refund.status as RefundStatusKey]}>{t(`refundStatus.${refund.status}`)}</Badge>
              </li>
            ))}
          </ul>
        )}
      </section>

      {data.canRequestRefund && (
        <form onSubmit={onRequest} className="space-y-3 border-t border-slate-200 pt-4" noValidate aria-labelledby="refund-form-title">
          <h3 id="refund-form-title" className="font-medium">
            {t("section.requestRefund")}
          </h3>
          <p className="text-sm text-slate-600">{t("section.refundable", { amount: money(data.refundableMinor) })}</p>
          <TextField
            label={t("section.amount")}
            name="amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            hint={t("section.amountHint", { amount: money(data.refundableMinor) })}
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
          {done && (
            <p role="status" className="text-sm text-emerald-700">
              {t("section.requested")}
            </p>
          )}
          <Button type="submit" disabled={request.isPending}>
            {request.isPending ? t("section.submitting") : t("section.submit")}
          </Button>
        </form>
      )}
    </Card>
  );
}
