"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/trpc/client";
import { usePaymentText } from "../payment-text";

/** "Resend" for one webhook delivery: makes it due again now. */
export function ResendDeliveryButton({ deliveryId }: { deliveryId: string }) {
  const { t, errorMessage } = usePaymentText();
  const trpc = useTRPC();
  const router = useRouter();
  const resend = useMutation(trpc.adminPayment.webhooks.resend.mutationOptions());
  const [note, setNote] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        className="text-xs text-brand-700 underline disabled:opacity-50"
        disabled={resend.isPending}
        onClick={async () => {
          try {
            await resend.mutateAsync({ deliveryId });
            setNote(t("admin.detail.resent"));
            router.refresh();
          } catch (cause) {
            setNote(errorMessage(cause));
          }
        }}
      >
        {t("admin.detail.resend")}
      </button>
      {note && (
        <span role="status" className="text-xs text-slate-500">
          {note}
        </span>
      )}
    </span>
  );
}
