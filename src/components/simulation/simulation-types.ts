/** The outcomes a simulated order can be scripted to (mirrors the server's list, for the form). */
export const SIMULATION_OUTCOME_KEYS = ["paid", "failed_then_paid", "abandoned", "cancelled", "refunded", "delivery_exception"] as const;
export type SimulationOutcomeKey = (typeof SIMULATION_OUTCOME_KEYS)[number];
