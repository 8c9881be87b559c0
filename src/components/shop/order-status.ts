import type { OrderStatusValue } from "@/trpc/types";

/** Every order status in display order, for filters; the compiler keeps it in step with the machine. */
export const ORDER_STATUS_OPTIONS = [
  "pending_payment",
  "paid",
  "shipped",
  "delivered",
  "completed",
  "refunding",
  "refunded",
  "cancelled",
  "closed",
] as const satisfies readonly OrderStatusValue[];

type Missing = Exclude<OrderStatusValue, (typeof ORDER_STATUS_OPTIONS)[number]>;
const _exhaustive: Missing extends never ? true : never = true;
void _exhaustive;

/** A status from a query string, or undefined when it is not one. */
export function parseOrderStatus(value: string | undefined): OrderStatusValue | undefined {
  return ORDER_STATUS_OPTIONS.find((status) => status === value);
}
