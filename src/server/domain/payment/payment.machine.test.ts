import { describe, expect, it } from "vitest";
import { isDomainError } from "@/server/errors";
import {
  PAYMENT_STATUSES,
  PAYMENT_TRANSITIONS,
  assertPaymentTransition,
  canTransitionPayment,
  isCapturedPaymentStatus,
  isOpenPaymentStatus,
  type PaymentStatus,
} from "./payment.machine";

const allowed = new Set(Object.entries(PAYMENT_TRANSITIONS).flatMap(([from, tos]) => tos.map((to) => `${from}->${to}`)));
const pairs = PAYMENT_STATUSES.flatMap((from) => PAYMENT_STATUSES.map((to) => [from, to] as [PaymentStatus, PaymentStatus]));

describe("payment state machine", () => {
  it("has exactly the moves of the issue", () => {
    expect([...allowed].sort()).toEqual(
      [
        "pending->processing",
        "pending->cancelled",
        "pending->expired",
        "processing->succeeded",
        "processing->failed",
        "processing->cancelled",
        "processing->expired",
        "failed->processing",
        "failed->cancelled",
        "failed->expired",
        "succeeded->partially_refunded",
        "succeeded->refunded",
        "partially_refunded->refunded",
      ].sort(),
    );
  });

  it.each(pairs.filter(([f, t]) => allowed.has(`${f}->${t}`)))("allows %s → %s", (from, to) => {
    expect(canTransitionPayment(from, to)).toBe(true);
    expect(() => assertPaymentTransition(from, to)).not.toThrow();
  });

  it.each(pairs.filter(([f, t]) => !allowed.has(`${f}->${t}`)))("rejects %s → %s with INVALID_TRANSITION", (from, to) => {
    expect(canTransitionPayment(from, to)).toBe(false);
    try {
      assertPaymentTransition(from, to);
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error, "INVALID_TRANSITION")).toBe(true);
    }
  });

  it("ends cancelled, expired and refunded payments for good", () => {
    expect(PAYMENT_TRANSITIONS.cancelled).toEqual([]);
    expect(PAYMENT_TRANSITIONS.expired).toEqual([]);
    expect(PAYMENT_TRANSITIONS.refunded).toEqual([]);
  });

  it("classifies open and captured statuses without overlap", () => {
    for (const status of PAYMENT_STATUSES) expect(isOpenPaymentStatus(status) && isCapturedPaymentStatus(status)).toBe(false);
    expect(PAYMENT_STATUSES.filter(isOpenPaymentStatus)).toEqual(["pending", "processing", "failed"]);
    expect(PAYMENT_STATUSES.filter(isCapturedPaymentStatus)).toEqual(["succeeded", "partially_refunded", "refunded"]);
  });
});
