import { describe, expect, it } from "vitest";
import { isDomainError } from "@/server/errors";
import { CHARGE_REVERSAL_STATUSES, CHARGE_REVERSAL_TRANSITIONS, assertChargeReversalTransition, canTransitionChargeReversal, reversalRefundKey } from "./charge-reversal.machine";

describe("charge reversal machine", () => {
  it("allows exactly the moves in the table", () => {
    for (const from of CHARGE_REVERSAL_STATUSES) {
      for (const to of CHARGE_REVERSAL_STATUSES) {
        const allowed = (CHARGE_REVERSAL_TRANSITIONS[from] as readonly string[]).includes(to);
        expect(canTransitionChargeReversal(from, to), `${from} → ${to}`).toBe(allowed);
        if (!allowed) {
          let thrown: unknown;
          try {
            assertChargeReversalTransition(from, to);
          } catch (error) {
            thrown = error;
          }
          expect(isDomainError(thrown, "INVALID_TRANSITION"), `${from} → ${to}`).toBe(true);
        }
      }
    }
  });

  it("ends only in succeeded or failed, and retries through requested", () => {
    expect(CHARGE_REVERSAL_TRANSITIONS.succeeded).toEqual([]);
    expect(CHARGE_REVERSAL_TRANSITIONS.failed).toEqual([]);
    expect(canTransitionChargeReversal("processing", "requested")).toBe(true);
  });

  it("derives one gateway refund key per attempt from the charge key", () => {
    expect(reversalRefundKey("PY20261204000001-2", 1)).toBe("PY20261204000001-2-rv1");
    expect(reversalRefundKey("PY20261204000001-2", 2)).not.toBe(reversalRefundKey("PY20261204000001-2", 1));
  });
});
