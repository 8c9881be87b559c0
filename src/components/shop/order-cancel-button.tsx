"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";
import { useOrderRefresh } from "./use-order-refresh";

/**
 * "Cancel order" with an inline confirmation. Cancelling closes the payment too, so the whole
 * order view is refreshed afterwards (server parts and the client-side payment section).
 */
export function OrderCancelButton({ orderId }: { orderId: string }) {
  const t = useTranslations("shop.order");
  const trpc = useTRPC();
  const [asking, setAsking] = useState(false);
  const { refresh, refreshing } = useOrderRefresh(orderId);
  const cancel = useMutation(
    trpc.order.cancel.mutationOptions({
      onSuccess: () => {
        setAsking(false);
        return refresh();
      },
    }),
  );
  const busy = cancel.isPending || refreshing;

  if (!asking) {
    return (
      <div className="flex flex-col gap-1">
        <Button type="button" variant="secondary" onClick={() => setAsking(true)} disabled={busy}>
          {busy ? t("cancelling") : t("cancel")}
        </Button>
        {cancel.isError && (
          <p role="alert" className="text-xs text-rose-700">
            {t("cancelFailed")}
          </p>
        )}
      </div>
    );
  }
  return (
    <div role="group" aria-label={t("cancelQuestion")} className="flex w-full flex-wrap items-center gap-2 text-sm sm:w-auto">
      <span>{t("cancelQuestion")}</span>
      <Button type="button" variant="danger" onClick={() => cancel.mutate({ id: orderId })} disabled={busy}>
        {busy ? t("cancelling") : t("cancelConfirm")}
      </Button>
      <Button type="button" variant="secondary" onClick={() => setAsking(false)} disabled={busy}>
        {t("cancelKeep")}
      </Button>
    </div>
  );
}
