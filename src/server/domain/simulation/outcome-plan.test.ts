import { describe, expect, it } from "vitest";
import { batchIntervalMs, batchRange, outcomeCounts, planOutcomes } from "./outcome-plan";
import { SIMULATION_OUTCOMES, type OutcomeMix } from "./simulation.schemas";
import { seededRandom } from "./random";

const mixOf = (partial: Partial<OutcomeMix>): OutcomeMix => ({ paid: 0, failed_then_paid: 0, abandoned: 0, cancelled: 0, refunded: 0, delivery_exception: 0, ...partial });

/** A random mix of whole percentages adding up to 100. */
function randomMix(random: () => number): OutcomeMix {
  const cuts = Array.from({ length: SIMULATION_OUTCOMES.length - 1 }, () => Math.floor(random() * 101)).sort((a, b) => a - b);
  const bounds = [0, ...cuts, 100];
  return Object.fromEntries(SIMULATION_OUTCOMES.map((o, i) => [o, bounds[i + 1]! - bounds[i]!])) as OutcomeMix;
}

describe("outcome plan", () => {
  it("always makes exactly the requested number of orders, none of a 0% outcome (500 random mixes)", () => {
    const random = seededRandom(1, "test");
    for (let i = 0; i < 500; i++) {
      const mix = randomMix(random);
      const total = 1 + Math.floor(random() * 400);
      const counts = outcomeCounts(total, mix);
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(total);
      for (const outcome of SIMULATION_OUTCOMES) {
        if (mix[outcome] === 0) expect(counts[outcome]).toBe(0);
        expect(Math.abs(counts[outcome] - (total * mix[outcome]) / 100)).toBeLessThan(1);
      }
      expect(planOutcomes(3, total, mix)).toHaveLength(total);
    }
  });

  it("gives the exact split when the percentages divide the total", () => {
    expect(outcomeCounts(200, mixOf({ paid: 50, failed_then_paid: 10, abandoned: 15, cancelled: 10, refunded: 10, delivery_exception: 5 }))).toEqual({
      paid: 100,
      failed_then_paid: 20,
      abandoned: 30,
      cancelled: 20,
      refunded: 20,
      delivery_exception: 10,
    });
  });

  it("is a function of the seed: same seed same order, the counts whatever the seed", () => {
    const mix = mixOf({ paid: 40, cancelled: 30, refunded: 30 });
    expect(planOutcomes(99, 50, mix)).toEqual(planOutcomes(99, 50, mix));
    expect(planOutcomes(99, 50, mix)).not.toEqual(planOutcomes(100, 50, mix));
    const count = (plan: readonly string[], o: string) => plan.filter((x) => x === o).length;
    for (const seed of [1, 2, 3]) expect(count(planOutcomes(seed, 50, mix), "refunded")).toBe(15);
  });

  it("shuffles once per run, not once per batch: the same plan is handed out again, frozen", () => {
    const mix = mixOf({ paid: 40, cancelled: 30, refunded: 30 });
    const plan = planOutcomes(5, 1_000, mix);
    expect(planOutcomes(5, 1_000, mix)).toBe(plan);
    expect(Object.isFrozen(plan)).toBe(true);
    // Another run's plan replaces it and is what the first run's seed gave before.
    expect(planOutcomes(6, 1_000, mix)).not.toBe(plan);
    expect(planOutcomes(5, 1_000, mix)).toEqual(plan);
  });

  it("splits orders and shoppers over the batches, each index exactly once", () => {
    for (const [totalOrders, totalShoppers, batchSize] of [
      [10, 3, 4],
      [7, 20, 2],
      [200, 20, 20],
      [1, 1, 20],
    ] as const) {
      const batchCount = Math.ceil(totalOrders / batchSize);
      const ranges = Array.from({ length: batchCount }, (_, b) => batchRange({ totalOrders, totalShoppers, batchSize, batchCount }, b));
      expect(ranges.flatMap((r) => r.orders)).toEqual(Array.from({ length: totalOrders }, (_, i) => i));
      expect(ranges.flatMap((r) => r.shoppers)).toEqual(Array.from({ length: totalShoppers }, (_, i) => i));
    }
  });

  it("paces batches by window or rate", () => {
    expect(batchIntervalMs({ pacing: "fast", batchSize: 20 }, 10)).toBe(0);
    expect(batchIntervalMs({ pacing: "window", windowMinutes: 10, batchSize: 20 }, 10)).toBe(60_000);
    expect(batchIntervalMs({ pacing: "rate", ordersPerMinute: 120, batchSize: 20 }, 10)).toBe(10_000);
  });
});
