import { describe, expect, it } from "vitest";
import { decideCharge } from "./simulated-gateway";
import type { SimulatorConfig } from "./simulator-config";
import { TEST_CARDS, forcedOutcomeFor, isValidCardNumber } from "./test-cards";

const config = (successPercent: number, seed: number | null = 1): SimulatorConfig => ({
  successPercent: () => successPercent,
  latency: () => ({ minMs: 0, maxMs: 0 }),
  ambiguousTimeoutPercent: 0,
  refundDelayMs: 0,
  refundFailurePercent: 0,
  seed,
});

describe("simulated gateway decisions", () => {
  it("lists only Luhn-valid test cards", () => {
    for (const card of TEST_CARDS) expect(isValidCardNumber(card.number)).toBe(true);
    expect(isValidCardNumber("4242 4242 4242 4241")).toBe(false);
    expect(isValidCardNumber("abc")).toBe(false);
  });

  it("forces each test card's outcome whatever the success rate", () => {
    const base = { merchantRef: "PY1", attempt: 1, method: "card" as const };
    expect(decideCharge(config(0), { ...base, card: { number: "4242424242424242" } })).toMatchObject({ status: "succeeded", loseResponse: false });
    expect(decideCharge(config(100), { ...base, card: { number: "4000 0000 0000 9995" } })).toMatchObject({ status: "failed", failureCode: "insufficient_funds" });
    expect(decideCharge(config(100), { ...base, card: { number: "4000000000000002" } })).toMatchObject({ status: "failed", failureCode: "card_declined" });
    expect(decideCharge(config(100), { ...base, card: { number: "4000000000000069" } })).toMatchObject({ status: "failed", failureCode: "expired_card" });
    expect(decideCharge(config(100), { ...base, card: { number: "4000000000000119" } })).toMatchObject({ status: "failed", failureCode: "processing_error" });
    expect(decideCharge(config(100), { ...base, card: { number: "4000000000003063" } })).toMatchObject({ status: "succeeded", loseResponse: true });
    expect(forcedOutcomeFor("5555555555554444")).toBeNull();
  });

  it("follows the success rate for other cards, reproducibly from the seed", () => {
    const draw = (seed: number, i: number) => decideCharge(config(50, seed), { merchantRef: `PY${i}`, attempt: 1, method: "balance" }).status;
    const first = Array.from({ length: 200 }, (_, i) => draw(11, i));
    const again = Array.from({ length: 200 }, (_, i) => draw(11, i));
    expect(again).toEqual(first);
    const approved = first.filter((s) => s === "succeeded").length;
    expect(approved).toBeGreaterThan(60);
    expect(approved).toBeLessThan(140);
    expect(Array.from({ length: 50 }, (_, i) => decideCharge(config(0), { merchantRef: `PY${i}`, attempt: 1, method: "balance" }).status)).not.toContain("succeeded");
  });

  it("keeps QR charges pending until the payer scans", () => {
    expect(decideCharge(config(100), { merchantRef: "PY1", attempt: 1, method: "alipay" })).toMatchObject({ status: "pending" });
  });
});
