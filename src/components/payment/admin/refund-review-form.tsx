"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { TextField } from "@/components/ui/field";
import { formatMoney } from "@/lib/money";
import { useTRPC } from "@/trpc/client";
import { usePaymentText } from "../payment-text";

/** Approve or reject a requested refund, with a note (required to reject); approving asks first, naming the amount. */
export function RefundReviewForm({ refundId, refundSn, amountMinor, currency }: { refundId: string; refundSn: string; amountMinor: number; currency: string }) {
  const { t, errorMessage } = usePaymentText();
  const tc = useTranslations("orderHub");
  const locale = useLocale();
  const amount = formatMoney(amountMinor, currency, locale);
  const [confirming, setConfirming] = useState(false);
  const trpc = useTRPC();
  const router = useRouter();
  const approve = useMutation(trpc.adminPayment.refunds.approve.mutationOptions());
  const reject = useMutation(trpc.adminPayment.refunds.reject.mutationOptions());
  const [note, setNote] = useState("");
  const [noteError, setNoteError] = useState<string | undefined>();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const busy = approve.isPending || reject.isPending;

  async function run(action: "approve" | "reject") {
    setMessage(null);
    setNoteError(undefined);
    if (action === "reject" && !note.trim()) return setNoteError(t("admin.refunds.notePlaceholder"));
    try {
      if (action === "approve") await approve.mutateAsync({ refundId, note: note.trim() || undefined });
      else await reject.mutateAsync({ refundId, note: note.trim() });
      setConfirming(false);
      setMessage({ ok: true, text: action === "approve" ? t("admin.refunds.approved") : t("admin.refunds.rejected") });
      router.refresh();
    } catch (cause) {
      setMessage({ ok: false, text: errorMessage(cause) });
    }
  }

  return (
    <Card aria-labelledby="review" className="space-y-3">
      <h2 id="review" className="font-medium">
        {t("admin.refunds.review")}
      </h2>
      <TextField label={t("admin.refunds.note")} placeholder={t("admin.refunds.notePlaceholder")} value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} error={noteError} />
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "text-sm text-emerald-700" : "text-sm text-rose-700"}>
          {message.text}
        </p>
      )}
      <div className="flex gap-2">
        <Button onClick={() => setConfirming(true)} disabled={busy}>
          {t("admin.refunds.approve")}
        </Button>
        <Button variant="danger" onClick={() => run("reject")} disabled={busy}>
          {t("admin.refunds.reject")}
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={tc("approveTitle", { refundSn, amount })}
        amount={amount}
        body={tc("approveBody")}
        confirmLabel={tc("approveConfirm", { amount })}
        tone="primary"
        pending={approve.isPending}
        error={message && !message.ok ? message.text : null}
        onClose={() => setConfirming(false)}
        onConfirm={() => run("approve")}
      />
    </Card>
  );
}
