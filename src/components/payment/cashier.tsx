"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useLocale } from "use-intl";
import { useOrderRefresh } from "@/components/shop/use-order-refresh";
import { Button, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { formatDateTime } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import { groupCardNumber, isQrMethodKey, looksLikeCardNumber, newIdempotencyKey, splitCountdown, type PaymentMethodKey } from "@/lib/payment-ui";
import { useTRPC } from "@/trpc/client";
import type { CashierViewData } from "@/trpc/payment-types";
import { paymentErrorData } from "@/trpc/payment-types";
import { CashierSummary, ExpiredPanel, NotPayablePanel, PaidPanel } from "./cashier-panels";
import { usePaymentText } from "./payment-text";
import { QrCode } from "./qr-code";

type PayParams = { paymentId: string; method: PaymentMethodKey; card?: { number: string }; idempotencyKey: string };

/**
 * The cashier: amount, order summary, countdown, method choice, card field with the test
 * cards, QR code with the simulated phone, and the result (success, decline with its reason and
 * a retry until the deadline, processing, expired). `view` is the cashier's read (CashierView),
 * `readAt` the browser's time when it arrived, `onReload` reads it again.
 */
export function Cashier({ view, readAt, onReload }: { view: CashierViewData; readAt: number; onReload: () => Promise<unknown> }) {
  const { t, errorMessage, failure } = usePaymentText();
  const locale = useLocale();
  const trpc = useTRPC();
  const orderId = view.order.id;
  const { order, payment, methods, testCards } = view;

  const [method, setMethod] = useState<PaymentMethodKey>((payment?.method as PaymentMethodKey | undefined) ?? methods[0] ?? "card");
  const [cardNumber, setCardNumber] = useState("");
  const [cardError, setCardError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const lastParams = useRef<PayParams | null>(null);

  // The countdown trusts the server's clock: its offset from the browser's is the server's time
  // in the read against the browser's when the read arrived (right for a read from a while ago too).
  const offset = view.serverNow.getTime() - readAt;
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setNow(Date.now() + offset);
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [offset]);

  // Paying or cancelling changes the order everywhere it is shown, not just here.
  const { refresh } = useOrderRefresh(orderId);
  const create = useMutation(trpc.payment.create.mutationOptions());
  const pay = useMutation(trpc.payment.pay.mutationOptions());
  const cancel = useMutation(trpc.payment.cancel.mutationOptions());
  const busy = create.isPending || pay.isPending || cancel.isPending;
  const waitingQr = payment?.status === "processing" && payment.qrToken;
  const unanswered = payment?.status === "processing" && !payment.qrToken;

  const deadline = order.paymentDeadlineAt ?? payment?.expiresAt ?? null;
  const remaining = deadline && now !== null ? deadline.getTime() - now : null;
  const countdown = remaining === null ? null : splitCountdown(remaining);
  const amount = formatMoney(order.payableTotalMinor, order.currency, locale);
  const paid = order.status !== "pending_payment" && payment && ["succeeded", "partially_refunded", "refunded"].includes(payment.status);
  const expired = order.status === "pending_payment" && (countdown?.done === true || payment?.status === "expired");

  async function send(params: PayParams) {
    lastParams.current = params;
    await pay.mutateAsync(params);
    await refresh();
  }

  async function onPay(event: React.FormEvent) {
    event.preventDefault();
    setError(null);
    setNotice(null);
    setCardError(null);
    if (method === "card") {
      if (!cardNumber.trim()) return setCardError(t("cashier.cardRequired"));
      if (!looksLikeCardNumber(cardNumber)) return setCardError(t("cashier.cardInvalid"));
    }
    try {
      let paymentId = payment && ["pending", "processing", "failed"].includes(payment.status) ? payment.id : null;
      if (!paymentId) paymentId = (await create.mutateAsync({ orderId, method, idempotencyKey: newIdempotencyKey() })).payment.id;
      await send({ paymentId, method, card: method === "card" ? { number: cardNumber } : undefined, idempotencyKey: newIdempotencyKey() });
    } catch (cause) {
      const data = paymentErrorData(cause);
      if (data.fieldErrors?.card) setCardError(t("cashier.cardInvalid"));
      else setError(errorMessage(cause));
      await refresh();
    }
  }

  async function onCheckAgain() {
    setError(null);
    try {
      // The same key and parameters: the server asks the gateway instead of charging again.
      if (lastParams.current) await send(lastParams.current);
      else await onReload();
    } catch (cause) {
      setError(errorMessage(cause));
    }
  }

  async function onCancel() {
    if (!payment) return;
    setError(null);
    try {
      await cancel.mutateAsync({ paymentId: payment.id });
      setNotice(t("cashier.cancelled"));
    } catch (cause) {
      setError(errorMessage(cause));
    }
    await refresh();
  }

  let main: React.ReactNode;
  if (paid) main = <PaidPanel order={order} />;
  else if (order.status !== "pending_payment") main = <NotPayablePanel status={order.status} />;
  else if (expired) main = <ExpiredPanel />;
  else
    main = (
      <div className="space-y-4">
        {payment?.status === "failed" && (
          <section role="alert" aria-labelledby="pay-failed" className="rounded-lg border border-rose-200 bg-rose-50 p-4 text-rose-900">
            <h2 id="pay-failed" className="font-semibold">
              {t("cashier.failedTitle")}
            </h2>
            <p className="mt-1">{failure(payment.failureCode)}</p>
            <p className="mt-1 text-sm">{t("cashier.failedRetry")}</p>
          </section>
        )}
        {error && (
          <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800">
            {error}
          </p>
        )}
        {notice && (
          <p role="status" className="rounded-md bg-slate-100 p-3 text-sm text-slate-700">
            {notice}
          </p>
        )}
        {waitingQr && (
          <Card aria-labelledby="qr-title" className="flex flex-col items-center gap-3 text-center">
            <h2 id="qr-title" className="font-semibold">
              {t("cashier.qrTitle", { method: t(`method.${payment.method}`) })}
            </h2>
            <p className="text-sm text-slate-600">{t("cashier.qrBody")}</p>
            <QrCode token={payment.qrToken!} label={t("cashier.qrAlt")} />
            <Link href={`/pay/scan/${payment.qrToken}`} target="_blank" className={buttonClass("secondary")}>
              {t("cashier.openPhone")}
            </Link>
            <p role="status" aria-live="polite" className="text-sm text-slate-600">
              {t("cashier.waiting")}
            </p>
          </Card>
        )}
        {unanswered && (
          <section role="status" className="rounded-lg border border-sky-200 bg-sky-50 p-4 text-sky-900">
            <h2 className="font-semibold">{t("cashier.processingTitle")}</h2>
            <p className="mt-1 text-sm">{t("cashier.processingBody")}</p>
            <Button variant="secondary" className="mt-3" onClick={onCheckAgain} disabled={busy}>
              {t("cashier.checkAgain")}
            </Button>
          </section>
        )}
        {!unanswered && (
          <form onSubmit={onPay} className="space-y-4" noValidate>
            <fieldset className="space-y-2">
              <legend className="mb-1 text-sm font-medium text-slate-700">{t("cashier.chooseMethod")}</legend>
              <div className="grid gap-2 sm:grid-cols-2">
                {methods.map((m) => (
                  <label
                    key={m}
                    className={`flex cursor-pointer items-start gap-3 rounded-md border p-3 text-sm ${method === m ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-white"}`}
                  >
                    <input type="radio" name="method" value={m} checked={method === m} onChange={() => setMethod(m)} className="mt-1" />
                    <span>
                      <span className="block font-medium">{t(`method.${m}`)}</span>
                      <span className="block text-xs text-slate-500">{t(`methodHint.${m}`)}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            {method === "card" && (
              <div className="space-y-3">
                <TextField
                  label={t("cashier.cardNumber")}
                  name="cardNumber"
                  inputMode="numeric"
                  autoComplete="cc-number"
                  placeholder={t("cashier.cardPlaceholder")}
                  value={cardNumber}
                  onChange={(e) => setCardNumber(e.target.value)}
                  error={cardError ?? undefined}
                />
                <details className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" open>
                  <summary className="cursor-pointer font-medium">{t("cashier.testCards")}</summary>
                  <p className="mt-1 text-xs text-slate-500">{t("cashier.testCardsHint")}</p>
                  <ul className="mt-2 space-y-1" aria-label={t("cashier.testCards")}>
                    {testCards.map((card) => (
                      <li key={card.number} className="flex flex-wrap items-center justify-between gap-2">
                        <span>
                          <code className="font-mono">{groupCardNumber(card.number)}</code>{" "}
                          <span className="text-slate-600">— {t(`cashier.testCardOutcome.${card.outcome as "succeed"}`)}</span>
                        </span>
                        <button type="button" className="text-xs text-brand-700 underline" onClick={() => setCardNumber(groupCardNumber(card.number))}>
                          {t("cashier.useCard")}
                          <span className="sr-only"> {card.number}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                </details>
              </div>
            )}
            <div className="flex flex-wrap items-center gap-3">
              {/* While a QR charge waits for the phone, a second charge would race it: finish or cancel it first. */}
              <Button type="submit" disabled={busy || Boolean(waitingQr)} aria-describedby={waitingQr ? "qr-pay-disabled" : undefined}>
                {busy ? t("cashier.paying") : t("cashier.pay", { amount })}
              </Button>
              {payment && ["pending", "processing", "failed"].includes(payment.status) && (
                <Button type="button" variant="ghost" onClick={onCancel} disabled={busy}>
                  {t("cashier.cancelPayment")}
                </Button>
              )}
            </div>
            {isQrMethodKey(method) && !waitingQr && <p className="text-xs text-slate-500">{t(`methodHint.${method}`)}</p>}
            {waitingQr && (
              <p id="qr-pay-disabled" className="text-xs text-slate-500">
                {t("cashier.qrPayDisabled")}
              </p>
            )}
          </form>
        )}
      </div>
    );

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">{t("cashier.title", { orderNo: order.orderNo })}</h1>
          <p className="text-sm text-slate-600">
            {order.status === "pending_payment" ? t("cashier.amountDue") : t("cashier.amount")}: <span className="text-lg font-semibold text-brand-700">{amount}</span>
          </p>
        </div>
        {order.status === "pending_payment" && countdown && !countdown.done && (
          <div className="text-right">
            <p className="text-xs text-slate-500" id="time-left">
              {t("cashier.timeLeft")}
            </p>
            <p role="timer" aria-labelledby="time-left" className="font-mono text-2xl tabular-nums">
              {t("cashier.countdown", { minutes: countdown.minutes, seconds: countdown.seconds })}
            </p>
            {deadline && <p className="text-xs text-slate-500">{t("cashier.deadline", { date: formatDateTime(deadline, locale) })}</p>}
          </div>
        )}
      </header>
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="min-w-0">{main}</div>
        <div>
          <CashierSummary order={order} />
        </div>
      </div>
    </div>
  );
}
