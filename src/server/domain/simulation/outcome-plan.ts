import { SIMULATION_OUTCOMES, type OutcomeMix, type SimulationOutcome } from "./simulation.schemas";
import { seededRandom } from "./random";

/**
 * How many orders of each outcome a run of `total` orders makes: the percentages applied with the
 * largest-remainder method, so the counts always add up to `total` (ties go to the earlier outcome).
 */
export function outcomeCounts(total: number, mix: OutcomeMix): Record<SimulationOutcome, number> {
  const exact = SIMULATION_OUTCOMES.map((outcome) => ({ outcome, value: (total * mix[outcome]) / 100 }));
  const counts = Object.fromEntries(exact.map(({ outcome, value }) => [outcome, Math.floor(value)])) as Record<SimulationOutcome, number>;
  let left = total - Object.values(counts).reduce((a, b) => a + b, 0);
  const byRemainder = [...exact].sort((a, b) => b.value - Math.floor(b.value) - (a.value - Math.floor(a.value)));
  for (const { outcome } of byRemainder) {
    if (left <= 0) break;
    if (mix[outcome] === 0) continue;
    counts[outcome] += 1;
    left -= 1;
  }
  return counts;
}

/**
 * The outcome of every order index: the exact counts, shuffled (Fisher–Yates) by a stream drawn
 * from the seed alone, so two runs with the same seed, size and mix script the same orders.
 */
export function planOutcomes(seed: number, total: number, mix: OutcomeMix): readonly SimulationOutcome[] {
  // Every batch of a run asks for the same plan: shuffling a million outcomes per batch of a
  // hundred would make a run's cost grow with the square of its size. The last plan is kept.
  const key = `${seed}:${total}:${SIMULATION_OUTCOMES.map((o) => mix[o]).join(",")}`;
  if (lastPlan?.key !== key) lastPlan = { key, plan: Object.freeze(shuffledPlan(seed, total, mix)) };
  return lastPlan.plan;
}

let lastPlan: { key: string; plan: readonly SimulationOutcome[] } | undefined;

function shuffledPlan(seed: number, total: number, mix: OutcomeMix): SimulationOutcome[] {
  const counts = outcomeCounts(total, mix);
  const plan = SIMULATION_OUTCOMES.flatMap((outcome) => Array.from({ length: counts[outcome] }, () => outcome));
  const random = seededRandom(seed, "simulation-outcomes", total);
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [plan[i], plan[j]] = [plan[j]!, plan[i]!];
  }
  return plan;
}

/** The shopper who places order `index` (orders go round the shoppers). */
export function shopperIndexFor(orderIndex: number, totalShoppers: number): number {
  return orderIndex % totalShoppers;
}

/** Which order indexes and which shopper indexes batch `batch` generates. */
export function batchRange(
  { totalOrders, totalShoppers, batchSize, batchCount }: { totalOrders: number; totalShoppers: number; batchSize: number; batchCount: number },
  batch: number,
): { orders: number[]; shoppers: number[] } {
  const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
  return {
    orders: range(batch * batchSize, Math.min(totalOrders, (batch + 1) * batchSize)),
    shoppers: range(Math.floor((batch * totalShoppers) / batchCount), Math.floor(((batch + 1) * totalShoppers) / batchCount)),
  };
}

/** Real milliseconds between batches for the chosen pacing. */
export function batchIntervalMs(input: { pacing: "fast" | "window" | "rate"; windowMinutes?: number; ordersPerMinute?: number; batchSize: number }, batchCount: number): number {
  if (input.pacing === "window" && input.windowMinutes) return batchCount <= 1 ? 0 : Math.round((input.windowMinutes * 60_000) / batchCount);
  if (input.pacing === "rate" && input.ordersPerMinute) return Math.round((input.batchSize / input.ordersPerMinute) * 60_000);
  return 0;
}
