"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { AdminRefundForm } from "@/components/admin/admin-refund-form";
import { ShipServiceSelect, shipServiceOf, type ShipServiceOption } from "@/components/admin/ship-service-select";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { RefundPickItem } from "@/components/payment/refund-item-picker";
import { formatMoney } from "@/lib/money";
import { useTRPC } from "@/trpc/client";

type ErrorData = { domainCode?: string; params?: Record<string, string | number> };
const KNOWN = [
  "AMOUNT_CHANGED",
  "NOTHING_TO_RESEND",
  "INVALID_TRANSITION",
  "ORDER_NOT_SHIPPABLE",
  "REFUND_EXCEEDS_CAPTURED",
  "REFUND_NOT_ALLOWED",
  "REFUND_ITEM_QUANTITY_EXCEEDED",
  "REFUND_AMOUNT_ABOVE_ITEMS",
] as const;

type Props = {
  order: { id: string; orderNo: string; status: string; currency: string };
  /** The captured payment, when there is one. */
  payment: { id: string; paymentSn: string; refundableMinor: number } | null;
  /** The order's items with what a refund may still take back of each. */
  refundableItems: RefundPickItem[];
  /** The carrier and service the order ships with, already named in the reader's language. */
  shipsWith: { carrier: string; service: string } | null;
  canResend: boolean;
  /** Carriers and services an admin may ship with instead of the order's own. */
  services: ShipServiceOption[];
};

/**
 * The order page's actions: ship, cancel (an unpaid order; a paid, unshipped one with a full
 * refund), refund items or an amount, resend the latest notification. Every money move asks first in a
 * ConfirmDialog that names the amount.
 */
export function AdminOrderActions({ order, payment, refundableItems, shipsWith, canResend, services }: Props) {
  const t = useTranslations("orderHub");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const money = (minor: number) => formatMoney(minor, order.currency, locale);
  const ship = useMutation(trpc.adminLogistics.ship.mutationOptions());
  const cancelUnpaid = useMutation(trpc.adminOrder.cancel.mutationOptions());
  const cancelPaid = useMutation(trpc.adminOrder.cancelWithRefund.mutationOptions());
  const resend = useMutation(trpc.adminOrder.resendNotification.mutationOptions());
  const [dialog, setDialog] = useState<null | "cancelUnpaid" | "cancelPaid">(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
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

      {canRefund && payment && (
        <AdminRefundForm
          payment={payment}
          currency={order.currency}
          items={refundableItems}
          errorText={errorText}
          onDone={(text) => {
            setMessage({ ok: true, text });
            router.refresh();
          }}
        />
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
    </Card>
  );
}
