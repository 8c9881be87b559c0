"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";

/** "Cancel order" with an inline confirmation; the page re-renders from the server afterwards. */
export function OrderCancelButton({ orderId }: { orderId: string }) {
  const t = useTranslations("shop.order");
  const trpc = useTRPC();
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [refreshing, startRefresh] = useTransition();
  const cancel = useMutation(
    trpc.order.cancel.mutationOptions({
      onSuccess: () => {
        setAsking(false);
        startRefresh(() => router.refresh());
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
