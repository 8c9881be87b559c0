"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useLocale } from "use-intl";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useOrderRefresh } from "@/components/shop/use-order-refresh";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { formatDateTime } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import { productName } from "@/lib/product-image";
import { PAYMENT_STATUS_TONE, REFUND_STATUS_TONE, type PaymentStatusKey, type RefundStatusKey } from "@/lib/payment-ui";
import { useTRPC } from "@/trpc/client";
import { usePaymentText } from "./payment-text";
import { RefundRequestForm } from "./refund-request-form";

const IN_FLIGHT = new Set(["requested", "approved", "processing"]);

/**
 * The payment part of a shopper's order: each payment with its status and history, the
 * refunds with their status and items, and "Request a refund" (which opens the form) while
 * money can still be refunded.
 * Refreshes itself while a refund or a payment is under way. The order page reads the same
 * query for its totals and history, so one read serves both.
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
  const queryClient = useQueryClient();
  const { refresh } = useOrderRefresh(orderId);
  const [formOpen, setFormOpen] = useState(false);
  const [done, setDone] = useState(false);
  // When a refund moves on its own (approved, money back), the order (its status) is read again;
  // totals and history follow this section's read by themselves.
  const refundStates = section.data?.refunds.map((r) => `${r.id}:${r.status}`).join(",");
  const seenStates = useRef(refundStates);
  useEffect(() => {
    if (refundStates === undefined) return;
    if (seenStates.current !== undefined && seenStates.current !== refundStates) void queryClient.invalidateQueries(trpc.order.byId.queryFilter({ id: orderId }));
    seenStates.current = refundStates;
  }, [refundStates, queryClient, trpc, orderId]);

  if (section.isPending) return <LoadingState label={t("section.loading")} />;
  if (section.isError) return <ErrorState title={t("section.loadError")} message={errorMessage(section.error)} />;
  const data = section.data;
  const money = (minor: number) => formatMoney(minor, data.currency, locale);

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
                  {refund.items.length > 0 && (
                    <span className="block text-xs text-slate-700">
                      {refund.items
                        .map((line) => {
                          const item = data.items.find((i) => i.orderItemId === line.orderItemId);
                          return t("section.refundItem", { name: item ? productName(item, locale) : "—", quantity: line.quantity });
                        })
                        .join(", ")}
                    </span>
                  )}
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

      {done && (
        <p role="status" className="text-sm text-emerald-700">
          {t("section.requested")}
        </p>
      )}
      {data.canRequestRefund &&
        (formOpen ? (
          <RefundRequestForm
            data={data}
            onCancel={() => setFormOpen(false)}
            onDone={async () => {
              setFormOpen(false);
              setDone(true);
              // A refund request can move the order too (its status, totals and history are server-rendered).
              await refresh();
            }}
          />
        ) : (
          <Button type="button" aria-expanded={false} onClick={() => {
              setDone(false);
              setFormOpen(true);
            }}>
            {t("section.openRefundForm")}
          </Button>
        ))}
    </Card>
  );
}
