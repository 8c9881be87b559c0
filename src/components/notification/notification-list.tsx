"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { formatDateTime } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import { cn } from "@/lib/cn";
import { useTRPC } from "@/trpc/client";

const PAGE_SIZE = 20;

/** The shopper's notifications, newest first, with mark-as-read; texts come from kind + params. */
export function NotificationList() {
  const t = useTranslations("notification.page");
  const tk = useTranslations("notification.kind");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  // The first page refreshes like the bell does, so news shows up while the page is open.
  const list = useQuery(trpc.notification.list.queryOptions({ page, pageSize: PAGE_SIZE }, { refetchInterval: page === 1 ? 5000 : false }));
  const refresh = () =>
    Promise.all([queryClient.invalidateQueries({ queryKey: trpc.notification.list.queryKey() }), queryClient.invalidateQueries({ queryKey: trpc.notification.unreadCount.queryKey() })]);
  const markRead = useMutation(trpc.notification.markRead.mutationOptions({ onSuccess: refresh }));
  const markAll = useMutation(trpc.notification.markAllRead.mutationOptions({ onSuccess: refresh }));

  if (list.isPending) return <LoadingState label={t("loading")} />;
  if (list.isError)
    return (
      <ErrorState
        title={t("error")}
        action={
          <Button type="button" variant="secondary" onClick={() => list.refetch()}>
            {t("retry")}
          </Button>
        }
      />
    );
  const { items, total } = list.data;
  if (total === 0)
    return (
      <EmptyState title={t("empty")}>
        <p>{t("emptyHint")}</p>
      </EmptyState>
    );
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const anyUnread = items.some((n) => !n.readAt);

  return (
    <div className="space-y-4">
      <div className="flex justify-end">
        <Button type="button" variant="secondary" onClick={() => markAll.mutate()} disabled={!anyUnread || markAll.isPending}>
          {t("markAllRead")}
        </Button>
      </div>
      <ul aria-label={t("listLabel")} className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {items.map((n) => {
          const orderNo = String(n.params.orderNo ?? "");
          const amount = typeof n.params.amountMinor === "number" ? formatMoney(n.params.amountMinor, String(n.params.currency ?? "CNY"), locale) : "";
          return (
            <li key={n.id} className={cn("flex flex-wrap items-start gap-3 p-4", !n.readAt && "bg-brand-50/60")} data-testid="notification-item">
              <div className="min-w-0 flex-1">
                <p className={cn("text-sm", !n.readAt && "font-medium")}>
                  {!n.readAt && <span className="sr-only">{t("unread")}: </span>}
                  {tk(n.kind, { orderNo, amount })}
                </p>
                <p className="mt-1 text-xs text-slate-500">
                  <time dateTime={new Date(n.createdAt).toISOString()}>{formatDateTime(n.createdAt, locale)}</time>
                  {n.orderId && (
                    <>
                      {" · "}
                      <Link className="text-brand-700 hover:underline" href={`/orders/${n.orderId}`}>
                        {t("viewOrder", { orderNo })}
                      </Link>
                    </>
                  )}
                  {typeof n.params.messageId === "string" && (
                    <>
                      {" · "}
                      <Link className="text-brand-700 hover:underline" href={`/messages/${n.params.messageId}`}>
                        {t("viewMessage")}
                      </Link>
                    </>
                  )}
                </p>
              </div>
              {!n.readAt && (
                <Button type="button" variant="secondary" onClick={() => markRead.mutate({ id: n.id })} disabled={markRead.isPending}>
                  {t("markRead")}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      {pages > 1 && (
        <nav className="flex items-center justify-between text-sm" aria-label={t("pageOf", { page, pages })}>
          <Button type="button" variant="secondary" onClick={() => setPage((p) => p - 1)} disabled={page <= 1}>
            {t("previous")}
          </Button>
          <span>{t("pageOf", { page, pages })}</span>
          <Button type="button" variant="secondary" onClick={() => setPage((p) => p + 1)} disabled={page >= pages}>
            {t("next")}
          </Button>
        </nav>
      )}
    </div>
  );
}
