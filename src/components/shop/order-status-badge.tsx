"use client";

import { useTranslations } from "use-intl";
import { Badge, ORDER_STATUS_TONE } from "@/components/ui/badge";
import type { OrderStatusValue } from "@/trpc/types";

/** The order status as a coloured, translated badge (same look in lists and details). */
export function OrderStatusBadge({ status }: { status: OrderStatusValue }) {
  const t = useTranslations("common.orderStatus");
  return (
    <Badge tone={ORDER_STATUS_TONE[status] ?? "neutral"} className="whitespace-nowrap">
      {t(status)}
    </Badge>
  );
}
