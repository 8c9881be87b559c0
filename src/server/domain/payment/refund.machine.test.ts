import { describe, expect, it } from "vitest";
import { isDomainError } from "@/server/errors";
import { REFUND_STATUSES, REFUND_TRANSITIONS, assertRefundTransition, canTransitionRefund, isInFlightRefundStatus, type RefundStatus } from "./refund.machine";

const allowed = new Set(Object.entries(REFUND_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}->${to}`)));
const pairs = REFUND_STATUSES.flatMap((from) => REFUND_STATUSES.map((to) => [from, to] as [RefundStatus, RefundStatus]));

describe("refund state machine", () => {
  it("has exactly the moves of the issue", () => {
    expect([...allowed].sort()).toEqual(
      ["requested->approved", "requested->rejected", "approved->processing", "processing->succeeded", "processing->failed"].sort(),
    );
  });

  it.each(pairs.filter(([f, t]) => allowed.has(`${f}->${t}`)))("allows %s → %s", (from, to) => {
    expect(canTransitionRefund(from, to)).toBe(true);
    expect(() => assertRefundTransition(from, to)).not.toThrow();
  });

  it.each(pairs.filter(([f, t]) => !allowed.has(`${f}->${t}`)))("rejects %s → %s with INVALID_TRANSITION", (from, to) => {
    expect(canTransitionRefund(from, to)).toBe(false);
    try {
      assertRefundTransition(from, to);
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, "INVALID_TRANSITION")).toBe(true);
    }
  });

  it("holds the amount of exactly the unfinished refunds", () => {
    expect(REFUND_STATUSES.filter(isInFlightRefundStatus)).toEqual(["requested", "approved", "processing"]);
  });
});
