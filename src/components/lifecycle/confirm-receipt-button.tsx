"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { useTRPC } from "@/trpc/client";

/** "Confirm receipt" for a delivered order; the page re-renders from the server afterwards. */
export function ConfirmReceiptButton({ orderId }: { orderId: string }) {
  const t = useTranslations("lifecycle.receipt");
  const trpc = useTRPC();
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const confirm = useMutation(trpc.lifecycle.confirmReceipt.mutationOptions({ onSuccess: () => startRefresh(() => router.refresh()) }));
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
