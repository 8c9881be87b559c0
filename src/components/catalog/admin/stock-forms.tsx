"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { useTRPC } from "@/trpc/client";
import { domainCodeOf, hasFieldError, type FormError } from "./form-errors";

const whole = (value: FormDataEntryValue | null) => (/^\s*\d+\s*$/.test(String(value ?? "")) ? Number(value) : Number.NaN);

/** Receive stock, and correct the on-hand count against the figure this page showed. */
export function StockForms({ productId, onHand }: { productId: string; onHand: number }) {
  const t = useTranslations("catalog.admin");
  const trpc = useTRPC();
  const router = useRouter();
  const receive = useMutation(trpc.adminStock.receive.mutationOptions({ onSuccess: () => router.refresh() }));
  const correct = useMutation(trpc.adminStock.correct.mutationOptions({ onSuccess: () => router.refresh() }));

  function correctionError(error: FormError, field: "onHand" | "reason"): string | undefined {
    const code = domainCodeOf(error);
    if (field === "onHand" && code === "STOCK_BELOW_RESERVED") return t("errors.belowReserved", { reserved: Number(error?.data?.params?.reserved ?? 0) });
    if (field === "onHand" && code === "CONCURRENT_UPDATE") return t("errors.stale", { onHand: Number(error?.data?.params?.onHand ?? 0) });
    return hasFieldError(error, field) ? t(`errors.${field}`) : undefined;
  }

  return (
    <div className="grid gap-4 md:grid-cols-2">
      <form
        aria-label={t("stock.receiveTitle")}
        noValidate
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          receive.mutate({ productId, quantity: whole(form.get("quantity")), note: String(form.get("note") ?? "") || undefined });
          event.currentTarget.reset();
        }}
      >
        <h3 className="font-medium">{t("stock.receiveTitle")}</h3>
        <TextField name="quantity" label={t("stock.quantity")} inputMode="numeric" required error={hasFieldError(receive.error, "quantity") ? t("errors.quantity") : undefined} />
        <TextField name="note" label={t("stock.note")} maxLength={200} />
        <Button type="submit" disabled={receive.isPending}>
          {t("stock.receive")}
        </Button>
        {receive.isSuccess && (
          <p role="status" className="text-sm text-emerald-700">
            {t("stock.received")}
          </p>
        )}
      </form>
      <form
        aria-label={t("stock.correctTitle")}
        noValidate
        className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          correct.mutate({ productId, onHand: whole(form.get("onHand")), expectedOnHand: onHand, reason: String(form.get("reason") ?? "") });
        }}
      >
        <h3 className="font-medium">{t("stock.correctTitle")}</h3>
        <TextField name="onHand" label={t("stock.counted")} inputMode="numeric" defaultValue={onHand} required error={correctionError(correct.error, "onHand")} />
        <TextField name="reason" label={t("stock.reason")} maxLength={200} required error={correctionError(correct.error, "reason")} />
        <Button type="submit" disabled={correct.isPending}>
          {t("stock.correct")}
        </Button>
        {correct.isSuccess && (
          <p role="status" className="text-sm text-emerald-700">
            {t("stock.corrected")}
          </p>
        )}
      </form>
    </div>
  );
}
