"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { hasFieldError } from "@/components/catalog/admin/form-errors";
import { useTRPC } from "@/trpc/client";
import { PictureField, usePictureError } from "./picture-field";
import { useMessagePost } from "./use-message-post";

/**
 * Write in a conversation (text and up to four pictures, sent together as multipart) and close
 * it: the shopper's follow-up or the shop's reply, by `side`. A closed conversation shows only
 * that it is closed.
 */
export function ThreadActions({ id, side, closed }: { id: string; side: "shopper" | "admin"; closed: boolean }) {
  const t = useTranslations("catalog.messages");
  const trpc = useTRPC();
  const router = useRouter();
  const done = { onSuccess: () => router.refresh() };
  const post = useMessagePost<{ id: string }>();
  const shopperClose = useMutation(trpc.message.close.mutationOptions(done));
  const adminClose = useMutation(trpc.adminMessage.close.mutationOptions(done));
  const close = side === "admin" ? adminClose : shopperClose;
  const pictureError = usePictureError(post.error);
  if (closed) return <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-600">{t("closed")}</p>;
  const transitionRefused = post.error?.data?.domainCode === "INVALID_TRANSITION" || close.error?.data?.domainCode === "INVALID_TRANSITION";
  const bodyInvalid = hasFieldError(post.error, "body");
  const message = transitionRefused ? t("errors.closed") : bodyInvalid ? t("errors.body") : post.error && !pictureError ? t("errors.failed") : close.error ? t("errors.failed") : undefined;
  return (
    <form
      aria-label={t("reply")}
      noValidate
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const url = side === "admin" ? `/api/admin/messages/${id}/replies` : `/api/messages/${id}/replies`;
        if (await post.submit(url, form)) {
          form.reset();
          router.refresh();
        }
      }}
    >
      <label className="block space-y-1 text-sm">
        <span className="block font-medium text-slate-700">{t("reply")}</span>
        <textarea name="body" rows={3} maxLength={2000} required aria-invalid={bodyInvalid || undefined} className="w-full rounded-md border border-slate-300 px-3 py-2 aria-[invalid=true]:border-rose-500" />
      </label>
      <PictureField error={pictureError} />
      {message && (
        <p role="alert" className="text-xs text-rose-600">
          {message}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={post.pending}>
          {t("replySend")}
        </Button>
        <Button type="button" variant="ghost" disabled={close.isPending} onClick={() => close.mutate({ id })}>
          {t("close")}
        </Button>
      </div>
    </form>
  );
}
