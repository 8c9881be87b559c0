import { DomainError } from "@/server/errors";

/**
 * The order state machine: every status and every allowed move, in one table.
 * Pure data and one assertion; services apply a move with a conditional update
 * (`... WHERE id = $1 AND status = $from`) and treat zero rows as a conflict.
 */
export const ORDER_STATUSES = [
  "pending_payment",
  "paid",
  "shipped",
  "delivered",
  "completed",
  "cancelled",
  "refunding",
  "refunded",
  "closed",
] as const;

export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_TRANSITIONS = {
  pending_payment: ["paid", "cancelled"],
  paid: ["shipped", "refunding"],
  shipped: ["delivered", "refunding"],
  delivered: ["completed", "refunding"],
  completed: ["refunding"],
  refunding: ["paid", "shipped", "delivered", "completed", "refunded", "closed"],
  refunded: ["closed"],
  cancelled: [],
  closed: [],
} as const satisfies Record<OrderStatus, readonly OrderStatus[]>;

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return (ORDER_TRANSITIONS[from] as readonly OrderStatus[]).includes(to);
}

/** Throws INVALID_TRANSITION unless `from → to` is in the table. */
export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) {
    throw new DomainError("INVALID_TRANSITION", `Order cannot move from ${from} to ${to}`);
  }
}

export function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
}
