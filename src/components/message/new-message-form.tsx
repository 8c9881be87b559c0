"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { hasFieldError } from "@/components/catalog/admin/form-errors";
import { PictureField, usePictureError } from "./picture-field";
import { useMessagePost } from "./use-message-post";

const TYPES = ["question", "complaint", "after_sale", "suggestion"] as const;

/**
 * A new conversation: type, optionally one of the shopper's orders, the text and up to four
 * pictures, sent together (`POST /api/messages`): the message is written with its pictures or
 * not at all.
 */
export function NewMessageForm({ orders, initialOrderId }: { orders: { id: string; orderNo: string }[]; initialOrderId?: string }) {
  const t = useTranslations("catalog.messages");
  const router = useRouter();
  const create = useMessagePost<{ id: string }>();
  const orderMissing = create.error?.data?.domainCode === "ORDER_NOT_FOUND" || hasFieldError(create.error, "orderId");
  const bodyInvalid = hasFieldError(create.error, "body");
  const pictureError = usePictureError(create.error);
  const otherError = create.error && !orderMissing && !bodyInvalid && !pictureError && !hasFieldError(create.error, "type");
  return (
    <form
      aria-label={t("new")}
      noValidate
      className="grid gap-4 rounded-lg border border-slate-200 bg-white p-5 sm:grid-cols-2"
      onSubmit={async (event) => {
        event.preventDefault();
        const thread = await create.submit("/api/messages", event.currentTarget);
        if (thread) router.push(`/messages/${thread.id}`);
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
        <textarea name="body" rows={4} maxLength={2000} required aria-invalid={bodyInvalid || undefined} className="w-full rounded-md border border-slate-300 px-3 py-2 aria-[invalid=true]:border-rose-500" />
        {bodyInvalid && (
          <span role="alert" className="block text-xs text-rose-600">
            {t("errors.body")}
          </span>
        )}
      </label>
      <div className="sm:col-span-2">
        <PictureField error={pictureError} />
      </div>
      {otherError && (
        <p role="alert" className="text-xs text-rose-600 sm:col-span-2">
          {t("errors.failed")}
        </p>
      )}
      <div className="sm:col-span-2">
        <Button type="submit" disabled={create.pending}>
          {t("send")}
        </Button>
      </div>
    </form>
  );
}
