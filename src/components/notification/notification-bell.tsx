"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "use-intl";
import { useTRPC } from "@/trpc/client";

/** The bell in the shop header: unread count, refreshed every few seconds, links to the list. */
export function NotificationBell({ initialCount }: { initialCount: number }) {
  const t = useTranslations("notification.bell");
  const trpc = useTRPC();
  const { data } = useQuery(trpc.notification.unreadCount.queryOptions(undefined, { initialData: { count: initialCount }, refetchInterval: 5000 }));
  const count = data?.count ?? 0;
  return (
    <Link href="/notifications" aria-label={t("label", { count })} className="relative rounded p-1.5 text-slate-700 hover:bg-slate-100" data-testid="notification-bell">
      <svg aria-hidden viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth={1.8}>
        <path strokeLinecap="round" strokeLinejoin="round" d="M15 17h5l-1.4-1.4A2 2 0 0 1 18 14.2V11a6 6 0 1 0-12 0v3.2c0 .5-.2 1-.6 1.4L4 17h5m6 0a3 3 0 1 1-6 0m6 0H9" />
      </svg>
      {count > 0 && (
        <span aria-hidden className="absolute -right-1 -top-1 min-w-[1.1rem] rounded-full bg-rose-600 px-1 text-center text-[0.65rem] font-semibold leading-[1.1rem] text-white">
          {count > 99 ? "99+" : count}
        </span>
      )}
    </Link>
  );
}
