"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname } from "next/navigation";
import { useTranslations } from "use-intl";
import { ReadState } from "@/components/shop/read-state";
import { LoadingState } from "@/components/ui/states";
import { pathIdAfter } from "@/lib/path-id";
import { useTRPC } from "@/trpc/client";
import { currentResult } from "@/trpc/current-result";
import { Cashier } from "./cashier";

/**
 * The cashier page's content. The page is the same for every order; the order to pay, its
 * payment, the methods and the server's clock are read here, by the id in the browser's URL, in
 * one batch with the header's call. Money is at stake, so what shows is always read since the
 * page opened (never an earlier visit's cached state), and read again every 2 s while a payment
 * is processing.
 */
export function CashierView() {
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const orderId = pathIdAfter(usePathname(), "pay") ?? "";
  const query = useQuery({
    ...trpc.payment.cashier.queryOptions({ orderId }),
    retry: false,
    staleTime: 0,
    refetchInterval: (q) => (q.state.data?.payment?.status === "processing" ? 2000 : false),
  });
  const view = currentResult(query);
  if (view.status === "ready") return <Cashier key={orderId} view={view.data} readAt={query.dataUpdatedAt} onReload={() => query.refetch()} />;
  if (view.status === "failed") return <ReadState record errors={[view.error]} onRetry={() => void query.refetch()} />;
  return <LoadingState label={tc("states.loading")} />;
}
