"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { hasFieldError } from "@/components/catalog/admin/form-errors";
import { useTRPC } from "@/trpc/client";

const TYPES = ["question", "complaint", "after_sale", "suggestion"] as const;

/** A new conversation: type, optionally one of the shopper's orders, and the text. */
export function NewMessageForm({ orders, initialOrderId }: { orders: { id: string; orderNo: string }[]; initialOrderId?: string }) {
  const t = useTranslations("catalog.messages");
  const trpc = useTRPC();
  const router = useRouter();
  const create = useMutation(trpc.message.create.mutationOptions({ onSuccess: (thread) => router.push(`/messages/${thread.id}`) }));
  const orderMissing = create.error?.data?.domainCode === "ORDER_NOT_FOUND" || hasFieldError(create.error, "orderId");
  return (
    <form
      aria-label={t("new")}
      noValidate
      className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-2"
      onSubmit={(event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const orderId = String(form.get("orderId") ?? "");
        create.mutate({ type: String(form.get("type")) as (typeof TYPES)[number], orderId: orderId || undefined, body: String(form.get("body") ?? "") });
      }}
    >
      <SelectField name="type" label={t("type")} defaultValue="question">
        {TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`types.${type}`)}
          </option>
        ))}
      </SelectField>
      <SelectField name="orderId" label={t("order")} defaultValue={initialOrderId ?? ""} error={orderMissing ? t("errors.order") : undefined}>
        <option value="">{t("noOrder")}</option>
        {orders.map((o) => (
          <option key={o.id} value={o.id}>
            {o.orderNo}
          </option>
        ))}
      </SelectField>
      <label className="block space-y-1 text-sm sm:col-span-2">
        <span className="block font-medium text-slate-700">{t("body")}</span>
        <textarea name="body" rows={4} maxLength={2000} required aria-invalid={hasFieldError(create.error, "body") || undefined} className="w-full rounded-md border border-slate-300 px-3 py-2 aria-[invalid=true]:border-rose-500" />
        {hasFieldError(create.error, "body") && (
          <span role="alert" className="block text-xs text-rose-600">
            {t("errors.body")}
          </span>
        )}
      </label>
      <div className="sm:col-span-2">
        <Button type="submit" disabled={create.isPending}>
          {t("send")}
        </Button>
      </div>
    </form>
  );
}
