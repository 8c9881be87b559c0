import { describe, expect, it } from "vitest";
import { MIN_REAL_PAYMENT_WINDOW_MS, realPaymentWindowMs } from "./payment-deadline";

describe("payment window in real time", () => {
  it("shrinks by the time scale", () => {
    expect(realPaymentWindowMs(30, 1)).toBe(30 * 60_000);
    expect(realPaymentWindowMs(30, 60)).toBe(30_000);
  });

  it("never closes faster than the shop can take a payment, nor lasts longer than unscaled", () => {
    // 30 simulated minutes at the largest scale would be 18 ms.
    expect(realPaymentWindowMs(30, 100_000)).toBe(MIN_REAL_PAYMENT_WINDOW_MS);
    expect(realPaymentWindowMs(1, 1)).toBe(60_000);
    expect(MIN_REAL_PAYMENT_WINDOW_MS).toBeLessThanOrEqual(60_000);
  });
});
