import type { Zone } from "./geography/geography";

/**
 * The shipping-fee formula used by Chinese express carriers ("首重 + 续重"): a first-weight
 * price covering the first `firstWeightGrams`, plus an additional price per started
 * `stepGrams` above it, both by zone. Parcels are billed on the chargeable weight: the larger
 * of actual and volumetric weight (L × W × H / divisor), rounded up to the step. A service
 * level may waive the fee when the items total reaches a threshold. Pure and integer-only:
 * every amount is fen, every weight grams.
 */
export type FeeRule = { zone: Zone; firstFeeMinor: number; additionalFeeMinor: number };

export type Pricing = {
  firstWeightGrams: number;
  stepGrams: number;
  /** cm³ per kg, e.g. 6000 (express) or 8000 (economy); volumetric grams = L×W×H(mm) / divisor. */
  volumetricDivisor: number;
  freeShippingThresholdMinor: number | null;
  rules: readonly FeeRule[];
};

export type ParcelLine = { weightGrams: number; lengthMm: number; widthMm: number; heightMm: number; quantity: number };

export type FeeBreakdown = {
  zone: Zone;
  actualWeightGrams: number;
  volumetricWeightGrams: number;
  /** Which weight the parcel is billed on. */
  weightBasis: "actual" | "volumetric";
  chargeableWeightGrams: number;
  firstWeightGrams: number;
  firstPartMinor: number;
  stepGrams: number;
  additionalSteps: number;
  additionalFeePerStepMinor: number;
  additionalPartMinor: number;
  subtotalMinor: number;
  freeShippingThresholdMinor: number | null;
  freeShippingApplied: boolean;
  discountMinor: number;
  totalMinor: number;
};

export function actualWeightGrams(lines: readonly ParcelLine[]): number {
  return lines.reduce((sum, l) => sum + l.weightGrams * l.quantity, 0);
}

/** Volumetric weight of the items packed together: total volume in mm³ / divisor, rounded up to a gram. */
export function volumetricWeightGrams(lines: readonly ParcelLine[], divisor: number): number {
  const volume = lines.reduce((sum, l) => sum + l.lengthMm * l.widthMm * l.heightMm * l.quantity, 0);
  return Math.ceil(volume / divisor);
}

/** Rounds a weight up to the next whole step (a parcel is never billed below one step). */
export function roundUpToStep(grams: number, stepGrams: number): number {
  return Math.max(1, Math.ceil(grams / stepGrams)) * stepGrams;
}

/** The fee for one parcel in one zone, with every intermediate figure. */
export function calculateFee({
  pricing,
  zone,
  lines,
  itemsTotalMinor,
}: {
  pricing: Pricing;
  zone: Zone;
  lines: readonly ParcelLine[];
  itemsTotalMinor: number;
}): FeeBreakdown {
  const rule = pricing.rules.find((r) => r.zone === zone);
  if (!rule) throw new RangeError(`No fee rule for zone ${zone}`);
  const actual = actualWeightGrams(lines);
  const volumetric = volumetricWeightGrams(lines, pricing.volumetricDivisor);
  const basis = volumetric > actual ? "volumetric" : "actual";
  const chargeable = roundUpToStep(Math.max(actual, volumetric), pricing.stepGrams);
  const additionalSteps = Math.max(0, Math.ceil((chargeable - pricing.firstWeightGrams) / pricing.stepGrams));
  const additionalPart = additionalSteps * rule.additionalFeeMinor;
  const subtotal = rule.firstFeeMinor + additionalPart;
  const free = pricing.freeShippingThresholdMinor !== null && itemsTotalMinor >= pricing.freeShippingThresholdMinor;
  return {
    zone,
    actualWeightGrams: actual,
    volumetricWeightGrams: volumetric,
    weightBasis: basis,
    chargeableWeightGrams: chargeable,
    firstWeightGrams: pricing.firstWeightGrams,
    firstPartMinor: rule.firstFeeMinor,
    stepGrams: pricing.stepGrams,
    additionalSteps,
    additionalFeePerStepMinor: rule.additionalFeeMinor,
    additionalPartMinor: additionalPart,
    subtotalMinor: subtotal,
    freeShippingThresholdMinor: pricing.freeShippingThresholdMinor,
    freeShippingApplied: free,
    discountMinor: free ? subtotal : 0,
    totalMinor: free ? 0 : subtotal,
  };
}
