"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "use-intl";
import { useOrderRefresh } from "@/components/shop/use-order-refresh";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";

/** "Confirm receipt" for a delivered order; the whole order view is refreshed afterwards (refunds open up). */
export function ConfirmReceiptButton({ orderId }: { orderId: string }) {
  const t = useTranslations("lifecycle.receipt");
  const trpc = useTRPC();
  const { refresh, refreshing } = useOrderRefresh(orderId);
  const confirm = useMutation(trpc.lifecycle.confirmReceipt.mutationOptions({ onSuccess: () => refresh() }));
  const busy = confirm.isPending || refreshing;
  return (
    <div className="flex flex-col gap-1">
      <Button type="button" onClick={() => confirm.mutate({ orderId })} disabled={busy}>
        {busy ? t("confirming") : t("confirm")}
      </Button>
      {confirm.isSuccess && !refreshing && (
        <p role="status" className="text-xs text-emerald-700">
          {t("confirmed")}
        </p>
      )}
      {confirm.isError && (
        <p role="alert" className="text-xs text-rose-700">
          {t("failed")}
        </p>
      )}
    </div>
  );
}
