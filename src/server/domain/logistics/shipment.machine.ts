import { DomainError } from "@/server/errors";

/**
 * The shipment state machine, after carrier-tracking taxonomies such as AfterShip's
 * (InfoReceived, InTransit, OutForDelivery, AttemptFail, Delivered, Exception):
 *
 *   created (info received) → picked_up → in_transit → out_for_delivery → delivered
 *   out_for_delivery → delivery_attempt_failed → out_for_delivery (next attempt) | returned_to_sender
 *   any moving state → exception (address problem, lost parcel…); an admin resolves it back to
 *   where it stood, or to returned_to_sender, or to lost
 *   created → cancelled (refund of an order that never left the warehouse)
 *
 * Pure data and one assertion. Services apply a move with a conditional update
 * (`WHERE id = $1 AND status = $from`); everything not listed is rejected and changes nothing.
 */
export const SHIPMENT_STATUSES = [
  "created",
  "picked_up",
  "in_transit",
  "out_for_delivery",
  "delivery_attempt_failed",
  "delivered",
  "exception",
  "returned_to_sender",
  "lost",
  "cancelled",
] as const;

export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export const SHIPMENT_TRANSITIONS = {
  created: ["picked_up", "exception", "cancelled"],
  picked_up: ["in_transit", "exception"],
  in_transit: ["out_for_delivery", "exception"],
  out_for_delivery: ["delivered", "delivery_attempt_failed", "exception"],
  delivery_attempt_failed: ["out_for_delivery", "returned_to_sender", "exception"],
  exception: ["created", "picked_up", "in_transit", "out_for_delivery", "delivery_attempt_failed", "returned_to_sender", "lost"],
  delivered: [],
  returned_to_sender: [],
  lost: [],
  cancelled: [],
} as const satisfies Record<ShipmentStatus, readonly ShipmentStatus[]>;

/** States a parcel can no longer leave: the courier's load is released on reaching one. */
export const TERMINAL_SHIPMENT_STATUSES: readonly ShipmentStatus[] = ["delivered", "returned_to_sender", "lost", "cancelled"];

export function canTransitionShipment(from: ShipmentStatus, to: ShipmentStatus): boolean {
  return (SHIPMENT_TRANSITIONS[from] as readonly ShipmentStatus[]).includes(to);
}

/** Throws INVALID_TRANSITION (409) unless `from → to` is in the table. */
export function assertShipmentTransition(from: ShipmentStatus, to: ShipmentStatus): void {
  if (!canTransitionShipment(from, to)) {
    throw new DomainError("INVALID_TRANSITION", `Shipment cannot move from ${from} to ${to}`);
  }
}

export function isShipmentStatus(value: string): value is ShipmentStatus {
  return (SHIPMENT_STATUSES as readonly string[]).includes(value);
}

export function isTerminalShipmentStatus(status: ShipmentStatus): boolean {
  return TERMINAL_SHIPMENT_STATUSES.includes(status);
}
