import { describe, expect, it } from "vitest";
import { calculateFee, roundUpToStep, volumetricWeightGrams, type Pricing } from "./fee-calculator";

/**
 * Worked examples, written out by hand. The price list (fen) used throughout:
 *
 *   zone            first 1 kg   each further started 500 g
 *   same_city          800            100
 *   same_province     1000            200
 *   neighbouring      1200            300
 *   far               1500            500
 *   remote            2500           1200
 *
 * Volumetric divisor 6000 cm³/kg, i.e. grams = L × W × H (mm) / 6000. Free over ¥99 (9900 fen).
 */
const pricing: Pricing = {
  firstWeightGrams: 1000,
  stepGrams: 500,
  volumetricDivisor: 6000,
  freeShippingThresholdMinor: 9900,
  rules: [
    { zone: "same_city", firstFeeMinor: 800, additionalFeeMinor: 100 },
    { zone: "same_province", firstFeeMinor: 1000, additionalFeeMinor: 200 },
    { zone: "neighbouring", firstFeeMinor: 1200, additionalFeeMinor: 300 },
    { zone: "far", firstFeeMinor: 1500, additionalFeeMinor: 500 },
    { zone: "remote", firstFeeMinor: 2500, additionalFeeMinor: 1200 },
  ],
};
const box = (weightGrams: number, [l, w, h]: [number, number, number], quantity = 1) => ({ weightGrams, lengthMm: l, widthMm: w, heightMm: h, quantity });
const small = [100, 100, 100] as [number, number, number]; // 1,000,000 mm³ → 167 g volumetric

describe("calculateFee", () => {
  it.each([
    // zone, actual g → chargeable g (rounded up to 500 g), first part + steps × additional = total
    // 2.3 kg → 2.5 kg: 1 kg first + 3 steps of 500 g
    ["same_city", 2300, 2500, 800, 3, 300, 1100],
    ["same_province", 2300, 2500, 1000, 3, 600, 1600],
    ["neighbouring", 2300, 2500, 1200, 3, 900, 2100],
    ["far", 2300, 2500, 1500, 3, 1500, 3000],
    ["remote", 2300, 2500, 2500, 3, 3600, 6100],
  ] as const)("%s: 2.3 kg billed as %i g → %i + %i × step = %i fen", (zone, actual, chargeable, first, steps, additional, total) => {
    const fee = calculateFee({ pricing, zone, lines: [box(actual, small)], itemsTotalMinor: 5000 });
    expect(fee).toMatchObject({
      zone,
      actualWeightGrams: actual,
      weightBasis: "actual",
      chargeableWeightGrams: chargeable,
      firstPartMinor: first,
      additionalSteps: steps,
      additionalPartMinor: additional,
      totalMinor: total,
      freeShippingApplied: false,
    });
    expect(fee.totalMinor).toBe(fee.firstPartMinor + fee.additionalPartMinor);
  });

  it("bills a light, bulky parcel on its volumetric weight", () => {
    // A pillow: 600 × 400 × 150 mm = 36,000,000 mm³ / 6000 = 6000 g volumetric vs 1300 g actual.
    // Chargeable 6000 g → 1 kg first + 10 steps of 500 g. Far zone: 1500 + 10 × 500 = 6500 fen.
    const fee = calculateFee({ pricing, zone: "far", lines: [box(1300, [600, 400, 150])], itemsTotalMinor: 0 });
    expect(fee).toMatchObject({ actualWeightGrams: 1300, volumetricWeightGrams: 6000, weightBasis: "volumetric", chargeableWeightGrams: 6000, additionalSteps: 10, totalMinor: 6500 });
  });

  it("bills a dense parcel on its actual weight", () => {
    // Dumbbells: 20.8 kg in 450 × 300 × 250 mm (33,750,000 / 6000 = 5625 g volumetric).
    // 20.8 kg → 21 kg: 1 kg first + 40 steps. Same province: 1000 + 40 × 200 = 9000 fen.
    const fee = calculateFee({ pricing, zone: "same_province", lines: [box(20_800, [450, 300, 250])], itemsTotalMinor: 0 });
    expect(fee).toMatchObject({ volumetricWeightGrams: 5625, weightBasis: "actual", chargeableWeightGrams: 21_000, additionalSteps: 40, totalMinor: 9000 });
  });

  it("adds up several lines and quantities before rounding", () => {
    // 3 × 320 g + 2 × 120 g = 1200 g actual; volume 3 × (220×190×90) + 2 × (80×60×40) = 11,286,000 + 384,000
    // = 11,670,000 mm³ / 6000 = 1945 g volumetric → 2000 g: 1 kg + 2 steps. Same city: 800 + 200 = 1000 fen.
    const fee = calculateFee({ pricing, zone: "same_city", lines: [box(320, [220, 190, 90], 3), box(120, [80, 60, 40], 2)], itemsTotalMinor: 0 });
    expect(fee).toMatchObject({ actualWeightGrams: 1200, volumetricWeightGrams: 1945, chargeableWeightGrams: 2000, additionalSteps: 2, totalMinor: 1000 });
  });

  it("rounds up to the step and never bills below one step", () => {
    expect(roundUpToStep(1, 500)).toBe(500);
    expect(roundUpToStep(500, 500)).toBe(500);
    expect(roundUpToStep(501, 500)).toBe(1000);
    expect(roundUpToStep(0, 1000)).toBe(1000);
    // 90 g silk scarf: 500 g chargeable, within the first kilo → first price only.
    expect(calculateFee({ pricing, zone: "neighbouring", lines: [box(90, [200, 150, 20])], itemsTotalMinor: 0 })).toMatchObject({
      chargeableWeightGrams: 500,
      additionalSteps: 0,
      totalMinor: 1200,
    });
    // Exactly 1 kg: no additional step; 1001 g: one step.
    expect(calculateFee({ pricing, zone: "far", lines: [box(1000, small)], itemsTotalMinor: 0 }).totalMinor).toBe(1500);
    expect(calculateFee({ pricing, zone: "far", lines: [box(1001, small)], itemsTotalMinor: 0 }).totalMinor).toBe(2000);
  });

  it("waives the fee from the free-shipping threshold on, and not a fen below it", () => {
    const below = calculateFee({ pricing, zone: "far", lines: [box(2300, small)], itemsTotalMinor: 9899 });
    expect(below).toMatchObject({ freeShippingApplied: false, discountMinor: 0, totalMinor: 3000 });
    const at = calculateFee({ pricing, zone: "far", lines: [box(2300, small)], itemsTotalMinor: 9900 });
    expect(at).toMatchObject({ freeShippingApplied: true, subtotalMinor: 3000, discountMinor: 3000, totalMinor: 0 });
    const noThreshold = calculateFee({ pricing: { ...pricing, freeShippingThresholdMinor: null }, zone: "far", lines: [box(2300, small)], itemsTotalMinor: 1_000_000 });
    expect(noThreshold.totalMinor).toBe(3000);
  });

  it("computes volumetric grams as mm³ / divisor rounded up", () => {
    expect(volumetricWeightGrams([box(1, [100, 100, 100])], 6000)).toBe(167);
    expect(volumetricWeightGrams([box(1, [100, 100, 60])], 6000)).toBe(100);
    expect(volumetricWeightGrams([box(1, [300, 200, 100], 2)], 12_000)).toBe(1000);
  });

  it("refuses a zone without a rule", () => {
    expect(() => calculateFee({ pricing: { ...pricing, rules: [] }, zone: "far", lines: [box(1, small)], itemsTotalMinor: 0 })).toThrow(RangeError);
  });
});
