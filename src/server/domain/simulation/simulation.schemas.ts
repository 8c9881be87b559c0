import { z } from "zod";
import { zText } from "@/server/validation/fields";
import { issue } from "@/lib/validation/field-issue";

/** What a generated order is scripted to go through. */
export const SIMULATION_OUTCOMES = ["paid", "failed_then_paid", "abandoned", "cancelled", "refunded", "delivery_exception"] as const;
export type SimulationOutcome = (typeof SIMULATION_OUTCOMES)[number];

export const SIMULATION_RUN_STATUSES = ["running", "completed", "cancelled", "failed"] as const;
export type SimulationRunStatus = (typeof SIMULATION_RUN_STATUSES)[number];

/** The largest run: a million orders (a batch's cost does not grow with the run, docs/simulation.md). */
export const SIMULATION_MAX_ORDERS = 1_000_000;

const ZPercent = z.number().int("Use a whole percentage").min(0, "At least 0%").max(100, "At most 100%");

export const ZOutcomeMix = z
  .object(Object.fromEntries(SIMULATION_OUTCOMES.map((o) => [o, ZPercent.default(0)])) as Record<SimulationOutcome, z.ZodDefault<typeof ZPercent>>)
  .refine((mix) => Object.values(mix).reduce((a, b) => a + b, 0) === 100, { ...issue("mix_not_100", "The outcome mix must add up to 100%"), path: ["mix"] });
export type OutcomeMix = z.infer<typeof ZOutcomeMix>;

/**
 * Pacing: `fast` generates batch after batch; `window` spreads the orders evenly over a number
 * of real minutes; `rate` generates about `ordersPerMinute` orders each real minute.
 */
export const ZStartSimulationInput = z
  .object({
    shoppers: z.number().int("Use a whole number").min(1, "At least 1 shopper").max(1000, "At most 1000 shoppers"),
    orders: z.number().int("Use a whole number").min(1, "At least 1 order").max(SIMULATION_MAX_ORDERS, "At most 1000000 orders"),
    mix: ZOutcomeMix,
    /** Carrier codes to ship with; empty = whatever checkout offers first. */
    carriers: z.array(zText(32).min(1)).max(20).default([]),
    pacing: z.enum(["fast", "window", "rate"]).default("fast"),
    windowMinutes: z.number().int().min(1, "At least 1 minute").max(1440, "At most 1440 minutes").optional(),
    ordersPerMinute: z.number().int().min(1, "At least 1 order a minute").max(6000, "At most 6000 orders a minute").optional(),
    batchSize: z.number().int().min(1, "At least 1").max(100, "At most 100").default(20),
    seed: z.number().int().min(0).max(2_147_483_647).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.pacing === "window" && input.windowMinutes === undefined) ctx.addIssue({ code: "custom", path: ["windowMinutes"], ...issue("pacing_window_required", "Give the window in minutes") });
    if (input.pacing === "rate" && input.ordersPerMinute === undefined) ctx.addIssue({ code: "custom", path: ["ordersPerMinute"], ...issue("pacing_rate_required", "Give the rate in orders per minute") });
  });
export type StartSimulationInput = z.input<typeof ZStartSimulationInput>;
export type SimulationRunParams = z.infer<typeof ZStartSimulationInput> & { seed: number };

export const ZSimulationRunId = z.object({ runId: z.uuid() });

export const ZSimulationRunView = z.object({
  id: z.uuid(),
  status: z.enum(SIMULATION_RUN_STATUSES),
  executor: z.enum(["inngest", "local"]),
  seed: z.number().int(),
  totalShoppers: z.number().int(),
  totalOrders: z.number().int(),
  shoppersCreated: z.number().int(),
  ordersCreated: z.number().int(),
  ordersFailed: z.number().int(),
  batchCount: z.number().int(),
  nextBatch: z.number().int(),
  percent: z.number().int(),
  outcomeCounts: z.record(z.string(), z.number().int()),
  mix: z.record(z.string(), z.number().int()),
  carriers: z.array(z.string()),
  pacing: z.string(),
  error: z.string().nullable(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});
export type SimulationRunView = z.infer<typeof ZSimulationRunView>;

export const ZListSimulationRunsInput = z.object({
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(50).default(10),
});
