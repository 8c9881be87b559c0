"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useLocale } from "use-intl";
import { Button } from "@/components/ui/button";
import { LoadingState } from "@/components/ui/states";
import { formatDateTime } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import { useTRPC } from "@/trpc/client";
import { usePaymentText } from "./payment-text";

/**
 * The payer's phone in the simulation, drawn as a phone: it shows what the QR code asks for and
 * lets the payer confirm or decline. The result reaches the shop only by the gateway's
 * notification, exactly like a real wallet app.
 */
export function PhoneWallet({ token }: { token: string }) {
  const { t, failure } = usePaymentText();
  const locale = useLocale();
  const trpc = useTRPC();
  const charge = useQuery({ ...trpc.payment.wallet.get.queryOptions({ token }), retry: false });
  const confirm = useMutation(trpc.payment.wallet.confirm.mutationOptions({ onSuccess: () => charge.refetch() }));
  const decline = useMutation(trpc.payment.wallet.decline.mutationOptions({ onSuccess: () => charge.refetch() }));
  const busy = confirm.isPending || decline.isPending;

  let body: React.ReactNode;
  if (charge.isPending) body = <LoadingState label={t("phone.working")} />;
  else if (charge.isError || !charge.data) body = <p role="alert">{t("phone.invalid")}</p>;
  else {
    const c = charge.data;
    body = (
      <div className="space-y-4 text-center">
        <p className="text-sm text-slate-500">{t(`method.${c.method}`)}</p>
        <h1 className="text-lg font-semibold">{t("phone.payTo")}</h1>
        <p>
          <span className="sr-only">{t("phone.amount")} </span>
          <span className="text-3xl font-semibold">{formatMoney(c.amountMinor, c.currency, locale)}</span>
        </p>
        <p className="text-xs text-slate-500">
          {t("phone.reference")}: <span className="font-mono">{c.merchantRef}</span>
        </p>
        {c.expiresAt && c.status === "pending" && <p className="text-xs text-slate-500">{t("phone.expiresAt", { date: formatDateTime(c.expiresAt, locale) })}</p>}
        {c.status === "pending" && (
          <div className="flex flex-col gap-2">
            <Button onClick={() => confirm.mutate({ token })} disabled={busy}>
              {busy ? t("phone.working") : t("phone.confirm")}
            </Button>
            <Button variant="secondary" onClick={() => decline.mutate({ token })} disabled={busy}>
              {t("phone.decline")}
            </Button>
          </div>
        )}
        {c.status === "succeeded" && (
          <p role="status" className="rounded-md bg-emerald-50 p-3 text-emerald-800">
            {t("phone.paid")}
          </p>
        )}
        {c.status === "failed" && (
          <p role="alert" className="rounded-md bg-rose-50 p-3 text-rose-800">
            {t("phone.failed", { reason: failure(c.failureCode) })}
          </p>
        )}
        {c.status === "closed" && (
          <p role="alert" className="rounded-md bg-slate-100 p-3 text-slate-700">
            {t("phone.closed")}
          </p>
        )}
      </div>
    );
  }

  return (
    <div className="flex flex-col items-center gap-3 py-4">
      <p className="max-w-sm text-center text-xs text-slate-500">{t("phone.hint")}</p>
      <div aria-label={t("phone.title")} role="region" className="w-80 rounded-[2.5rem] border-[10px] border-slate-800 bg-white p-6 shadow-xl">
        <div className="mx-auto mb-4 h-1.5 w-16 rounded-full bg-slate-300" aria-hidden />
        {body}
      </div>
    </div>
  );
}
