import { describe, expect, it } from "vitest";
import { isDomainError } from "@/server/errors";
import { ORDER_STATUSES, ORDER_TRANSITIONS, assertTransition, canTransition, type OrderStatus } from "./order.machine";

const allowed = new Set(Object.entries(ORDER_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}->${to}`)));
const pairs = ORDER_STATUSES.flatMap((from) => ORDER_STATUSES.map((to) => [from, to] as [OrderStatus, OrderStatus]));

describe("order state machine", () => {
  it.each(pairs.filter(([f, t]) => allowed.has(`${f}->${t}`)))("allows %s → %s", (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it.each(pairs.filter(([f, t]) => !allowed.has(`${f}->${t}`)))("rejects %s → %s with INVALID_TRANSITION", (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    try {
      assertTransition(from, to);
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, "INVALID_TRANSITION")).toBe(true);
    }
  });

  it("ends cancelled and closed orders for good", () => {
    expect(ORDER_TRANSITIONS.cancelled).toEqual([]);
    expect(ORDER_TRANSITIONS.closed).toEqual([]);
  });
});
