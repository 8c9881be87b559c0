import { z } from "zod";
import { defineSettings } from "@/server/domain/settings";

/**
 * Settings shared by every simulation in the shop.
 * `timeScale` is simulated seconds per real second and applies to every wait and deadline
 * (payment window, auto-ship delay, trajectory checkpoints, receipt window): 60 means one
 * simulated minute passes each real second. `seed` makes random choices reproducible.
 */
export const ZSimulationSettings = z.object({
  timeScale: z.number().min(1, "At least 1 (real time)").max(100_000, "At most 100000").default(1),
  seed: z.number().int().min(0).max(2_147_483_647).default(20261124),
});
export type SimulationSettings = z.infer<typeof ZSimulationSettings>;

export const simulationSettings = defineSettings("simulation", ZSimulationSettings);
