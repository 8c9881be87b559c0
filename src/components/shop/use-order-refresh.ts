"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useTRPC } from "@/trpc/client";

/**
 * After an action on an order (cancel, pay, confirm receipt, refund request), everything that
 * shows the order is fetched again: the order page's order, payment section, cashier and
 * tracking, and the notifications, all read through tanstack-query. The pages around them are
 * built once for every order and hold nothing of it, so the page itself is not fetched again
 * (`router.refresh()` would ask the server to render it for nothing).
 */
export function useOrderRefresh(orderId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [refreshing, setRefreshing] = useState(false);
  const refresh = useCallback(async () => {
    setRefreshing(true);
    try {
      await Promise.all([
        queryClient.invalidateQueries(trpc.order.byId.queryFilter({ id: orderId })),
        queryClient.invalidateQueries(trpc.payment.forOrder.queryFilter({ orderId })),
        queryClient.invalidateQueries(trpc.payment.cashier.queryFilter({ orderId })),
        queryClient.invalidateQueries(trpc.logistics.myTracking.queryFilter({ orderId })),
        queryClient.invalidateQueries(trpc.notification.pathFilter()),
      ]);
    } finally {
      setRefreshing(false);
    }
  }, [orderId, queryClient, trpc]);
  return { refresh, refreshing };
}
