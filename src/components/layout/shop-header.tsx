"use client";

import { useQuery } from "@tanstack/react-query";
import { NotificationBell } from "@/components/notification/notification-bell";
import { useTRPC } from "@/trpc/client";
import { SiteHeader } from "./site-header";

/**
 * The shop's header. Its per-reader part (who is signed in, the cart count, unread
 * notifications) is one API call from the browser, so the page around it can be the same for
 * everyone. Any successful change through the API reads it again (src/trpc/query-client.ts),
 * which keeps the cart count current after adding, changing or ordering.
 */
export function ShopHeader() {
  const trpc = useTRPC();
  const { data } = useQuery(trpc.auth.header.queryOptions(undefined, { staleTime: 0 }));
  return (
    <SiteHeader
      user={data === undefined ? undefined : data.user}
      cartCount={data?.cartCount}
      extra={data?.user?.role === "shopper" ? <NotificationBell initialCount={data.unreadCount} /> : undefined}
    />
  );
}
