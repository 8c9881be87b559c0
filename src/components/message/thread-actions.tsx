"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { hasFieldError } from "@/components/catalog/admin/form-errors";
import { useTRPC } from "@/trpc/client";

/**
 * Write in a conversation and close it: the shopper's follow-up or the shop's reply, by `side`.
 * A closed conversation shows only that it is closed.
 */
export function ThreadActions({ id, side, closed }: { id: string; side: "shopper" | "admin"; closed: boolean }) {
  const t = useTranslations("catalog.messages");
  const trpc = useTRPC();
  const router = useRouter();
  const done = { onSuccess: () => router.refresh() };
  const shopperPost = useMutation(trpc.message.post.mutationOptions(done));
  const adminReply = useMutation(trpc.adminMessage.reply.mutationOptions(done));
  const shopperClose = useMutation(trpc.message.close.mutationOptions(done));
  const adminClose = useMutation(trpc.adminMessage.close.mutationOptions(done));
  const post = side === "admin" ? adminReply : shopperPost;
  const close = side === "admin" ? adminClose : shopperClose;
  if (closed) return <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-600">{t("closed")}</p>;
  const error = post.error ?? close.error;
  return (
    <form
      aria-label={t("reply")}
      noValidate
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const body = String(new FormData(form).get("body") ?? "");
        post.mutate({ id, body }, { onSuccess: () => form.reset() });
      }}
    >
      <label className="block space-y-1 text-sm">
        <span className="block font-medium text-slate-700">{t("reply")}</span>
        <textarea name="body" rows={3} maxLength={2000} required aria-invalid={hasFieldError(post.error, "body") || undefined} className="w-full rounded-md border border-slate-300 px-3 py-2 aria-[invalid=true]:border-rose-500" />
      </label>
      {error && (
        <p role="alert" className="text-xs text-rose-600">
          {error.data?.domainCode === "INVALID_TRANSITION" ? t("errors.closed") : t("errors.body")}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={post.isPending}>
          {t("replySend")}
        </Button>
        <Button type="button" variant="ghost" disabled={close.isPending} onClick={() => close.mutate({ id })}>
          {t("close")}
        </Button>
      </div>
    </form>
  );
}
