import { describe, expect, it } from "vitest";
import { isDomainError } from "@/server/errors";
import { SHIPMENT_STATUSES, SHIPMENT_TRANSITIONS, assertShipmentTransition, canTransitionShipment, type ShipmentStatus } from "./shipment.machine";

/** The allowed moves, written out independently of the table so a change to it is noticed. */
const ALLOWED = new Set([
  "created→picked_up",
  "created→exception",
  "created→cancelled",
  "picked_up→in_transit",
  "picked_up→exception",
  "in_transit→out_for_delivery",
  "in_transit→exception",
  "out_for_delivery→delivered",
  "out_for_delivery→delivery_attempt_failed",
  "out_for_delivery→exception",
  "delivery_attempt_failed→out_for_delivery",
  "delivery_attempt_failed→returned_to_sender",
  "delivery_attempt_failed→exception",
  "exception→created",
  "exception→picked_up",
  "exception→in_transit",
  "exception→out_for_delivery",
  "exception→delivery_attempt_failed",
  "exception→returned_to_sender",
  "exception→lost",
]);

const pairs = SHIPMENT_STATUSES.flatMap((from) => SHIPMENT_STATUSES.map((to) => [from, to] as [ShipmentStatus, ShipmentStatus]));

describe("shipment state machine", () => {
  it("has exactly the documented moves", () => {
    const table = new Set(Object.entries(SHIPMENT_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}→${to}`)));
    expect(table).toEqual(ALLOWED);
  });

  it.each(pairs.filter(([f, t]) => ALLOWED.has(`${f}→${t}`)))("allows %s → %s", (from, to) => {
    expect(canTransitionShipment(from, to)).toBe(true);
    expect(() => assertShipmentTransition(from, to)).not.toThrow();
  });

  it.each(pairs.filter(([f, t]) => !ALLOWED.has(`${f}→${t}`)))("rejects %s → %s with INVALID_TRANSITION", (from, to) => {
    expect(canTransitionShipment(from, to)).toBe(false);
    let caught: unknown;
    try {
      assertShipmentTransition(from, to);
    } catch (error) {
      caught = error;
    }
    expect(isDomainError(caught, "INVALID_TRANSITION")).toBe(true);
  });

  it("keeps terminal states terminal", () => {
    for (const s of ["delivered", "returned_to_sender", "lost", "cancelled"] as const) expect(SHIPMENT_TRANSITIONS[s]).toEqual([]);
  });
});
