"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { ShipServiceSelect, shipServiceOf, type ShipServiceOption } from "@/components/admin/ship-service-select";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/field";
import { formatMoney, parseMoney } from "@/lib/money";
import { newIdempotencyKey } from "@/lib/payment-ui";
import { useTRPC } from "@/trpc/client";

type ErrorData = { domainCode?: string; params?: Record<string, string | number> };
const KNOWN = ["AMOUNT_CHANGED", "NOTHING_TO_RESEND", "INVALID_TRANSITION", "ORDER_NOT_SHIPPABLE", "REFUND_EXCEEDS_CAPTURED", "REFUND_NOT_ALLOWED"] as const;

type Props = {
  order: { id: string; orderNo: string; status: string; currency: string };
  /** The captured payment, when there is one. */
  payment: { id: string; paymentSn: string; refundableMinor: number } | null;
  /** The carrier and service the order ships with, already named in the reader's language. */
  shipsWith: { carrier: string; service: string } | null;
  canResend: boolean;
  /** Carriers and services an admin may ship with instead of the order's own. */
  services: ShipServiceOption[];
};

/**
 * The order page's actions: ship, cancel (an unpaid order; a paid, unshipped one with a full
 * refund), refund an amount, resend the latest notification. Every money move asks first in a
 * ConfirmDialog that names the amount.
 */
export function AdminOrderActions({ order, payment, shipsWith, canResend, services }: Props) {
  const t = useTranslations("orderHub");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const money = (minor: number) => formatMoney(minor, order.currency, locale);
  const ship = useMutation(trpc.adminLogistics.ship.mutationOptions());
  const cancelUnpaid = useMutation(trpc.adminOrder.cancel.mutationOptions());
  const cancelPaid = useMutation(trpc.adminOrder.cancelWithRefund.mutationOptions());
  const refund = useMutation(trpc.adminPayment.refund.mutationOptions());
  const resend = useMutation(trpc.adminOrder.resendNotification.mutationOptions());
  const [dialog, setDialog] = useState<null | "cancelUnpaid" | "cancelPaid" | "refund">(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [fieldErrors, setFieldErrors] = useState<{ amount?: string; reason?: string }>({});
  const [key, setKey] = useState(newIdempotencyKey);
  const [service, setService] = useState("");

  const errorText = (cause: unknown) => {
    const data = ((cause as { data?: ErrorData } | null)?.data ?? {}) as ErrorData;
    const code = data.domainCode;
    if (code === "AMOUNT_CHANGED" && typeof data.params?.amountMinor === "number") return t("errors.AMOUNT_CHANGED", { amount: money(data.params.amountMinor) });
    return code && (KNOWN as readonly string[]).includes(code) ? t(`errors.${code as (typeof KNOWN)[number]}`, { amount: "" }) : t("errors.generic");
  };
  async function run(action: () => Promise<string>, inDialog = false) {
    setMessage(null);
    setDialogError(null);
    try {
      const text = await action();
      setDialog(null);
      setMessage({ ok: true, text });
      router.refresh();
    } catch (cause) {
      if (inDialog) setDialogError(errorText(cause));
      else setMessage({ ok: false, text: errorText(cause) });
    }
  }

  const refundable = payment?.refundableMinor ?? 0;
  const canRefund = payment !== null && refundable > 0 && ["paid", "shipped", "delivered", "completed"].includes(order.status);
  const refundMinor = parseMoney(amount);
  function askRefund(event: React.FormEvent) {
    event.preventDefault();
    const errors = {
      amount: refundMinor === null || refundMinor <= 0 ? t("invalidAmount") : refundMinor > refundable ? t("tooMuch", { amount: money(refundable) }) : undefined,
      reason: reason.trim() ? undefined : t("reasonRequired"),
    };
    setFieldErrors(errors);
    if (!errors.amount && !errors.reason) {
      setDialogError(null);
      setDialog("refund");
    }
  }
  const open = (which: NonNullable<typeof dialog>) => {
    setDialogError(null);
    setDialog(which);
  };

  return (
    <Card aria-labelledby="admin-order-actions-title" className="space-y-4">
      <h2 id="admin-order-actions-title" className="font-medium">
        {t("actionsTitle")}
      </h2>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-sm text-emerald-700" : "text-sm text-rose-700"}>
          {message.text}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-2">
        {order.status === "paid" && (
          <Button
            type="button"
            disabled={ship.isPending}
            onClick={() => run(async () => t("shipDone", { trackingNo: (await ship.mutateAsync({ orderId: order.id, service: shipServiceOf(service) })).trackingNo }))}
          >
            {t("ship")}
          </Button>
        )}
        {order.status === "pending_payment" && (
          <Button type="button" variant="danger" onClick={() => open("cancelUnpaid")}>
            {t("cancel")}
          </Button>
        )}
        {order.status === "paid" && payment && refundable > 0 && (
          <Button type="button" variant="danger" onClick={() => open("cancelPaid")}>
            {t("cancelPaid")}
          </Button>
        )}
        {canResend && (
          <Button
            type="button"
            variant="secondary"
            disabled={resend.isPending}
            onClick={() =>
              run(async () => {
                await resend.mutateAsync({ id: order.id });
                return t("resendDone");
              })
            }
          >
            {t("resend")}
          </Button>
        )}
      </div>
      {order.status === "paid" && (
        <div className="max-w-sm">
          <ShipServiceSelect
            label={t("shipService")}
            ownLabel={shipsWith ? t("ownService", shipsWith) : t("ownServiceEach")}
            options={services}
            value={service}
            onChange={setService}
          />
        </div>
      )}

      {canRefund && (
        <form onSubmit={askRefund} className="space-y-2 border-t border-slate-200 pt-3" noValidate aria-labelledby="admin-order-refund-title">
          <h3 id="admin-order-refund-title" className="text-sm font-medium">
            {t("refund")}
          </h3>
          <p className="text-xs text-slate-500">{t("refundable", { amount: money(refundable) })}</p>
          <div className="grid gap-2 sm:grid-cols-2">
            <TextField label={t("refundAmount")} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} error={fieldErrors.amount} />
            <TextField label={t("refundReason")} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} error={fieldErrors.reason} />
          </div>
          <Button type="submit" variant="secondary">
            {t("refundSubmit")}
          </Button>
        </form>
      )}

      <ConfirmDialog
        open={dialog === "cancelUnpaid"}
        title={t("cancelUnpaidTitle", { orderNo: order.orderNo })}
        body={t("cancelUnpaidBody")}
        confirmLabel={t("cancelUnpaidConfirm")}
        pending={cancelUnpaid.isPending}
        error={dialogError}
        onClose={() => setDialog(null)}
        onConfirm={() =>
          run(async () => {
            await cancelUnpaid.mutateAsync({ id: order.id });
            return t("cancelled");
          }, true)
        }
      />
      {payment && (
        <ConfirmDialog
          open={dialog === "cancelPaid"}
          title={t("cancelPaidTitle", { orderNo: order.orderNo, amount: money(refundable) })}
          amount={money(refundable)}
          body={t("cancelPaidBody", { amount: money(refundable) })}
          confirmLabel={t("cancelPaidConfirm", { amount: money(refundable) })}
          pending={cancelPaid.isPending}
          error={dialogError}
          onClose={() => setDialog(null)}
          onConfirm={() =>
            run(async () => {
              const done = await cancelPaid.mutateAsync({ id: order.id, expectedAmountMinor: refundable });
              return t("cancelPaidDone", { refundSn: done.refund.refundSn, amount: money(done.refund.amountMinor) });
            }, true)
          }
        />
      )}
      {payment && refundMinor !== null && (
        <ConfirmDialog
          open={dialog === "refund"}
          title={t("refundTitle", { amount: money(refundMinor) })}
          amount={money(refundMinor)}
          body={t("refundBody", { paymentSn: payment.paymentSn })}
          confirmLabel={t("refundConfirm", { amount: money(refundMinor) })}
          pending={refund.isPending}
          error={dialogError}
          onClose={() => setDialog(null)}
          onConfirm={() =>
            run(async () => {
              const done = await refund.mutateAsync({ paymentId: payment.id, amountMinor: refundMinor, reason: reason.trim(), idempotencyKey: key });
              setKey(newIdempotencyKey());
              setAmount("");
              setReason("");
              return t("refundDone", { refundSn: done.refund.refundSn, amount: money(done.refund.amountMinor) });
            }, true)
          }
        />
      )}
    </Card>
  );
}
