"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useTransition } from "react";
import { useTRPC } from "@/trpc/client";

/**
 * After an action on an order (cancel, pay, confirm receipt, refund request), everything that
 * shows the order is fetched again: what is read through tanstack-query (the order page's order,
 * payment section, cashier, tracking) and the notifications are invalidated, and the
 * server-rendered parts of the payment page re-render with `router.refresh()`, which alone
 * would leave the client caches showing the old state until a reload.
 */
export function useOrderRefresh(orderId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const refresh = useCallback(async () => {
    startRefresh(() => router.refresh());
    await Promise.all([
      queryClient.invalidateQueries(trpc.order.byId.queryFilter({ id: orderId })),
      queryClient.invalidateQueries(trpc.payment.forOrder.queryFilter({ orderId })),
      queryClient.invalidateQueries(trpc.payment.cashier.queryFilter({ orderId })),
      queryClient.invalidateQueries(trpc.logistics.myTracking.queryFilter({ orderId })),
      queryClient.invalidateQueries(trpc.notification.pathFilter()),
    ]);
  }, [orderId, queryClient, router, trpc]);
  return { refresh, refreshing };
}
