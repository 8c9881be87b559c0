import { inngest } from "./client";

/** Event names of the simulation run function. */
export const SIMULATION_REQUESTED = "shop/simulation.requested";
export const SIMULATION_CANCELLED = "shop/simulation.cancelled";

/** Hands a new run to Inngest (throws when Inngest cannot be reached: the caller falls back). */
export async function dispatchSimulationRun(runId: string): Promise<void> {
  await inngest.send({ name: SIMULATION_REQUESTED, data: { runId }, id: `simulation-requested-${runId}` });
}

/** Tells a running Inngest function to stop. Best effort: each batch also checks the run's status. */
export async function dispatchSimulationCancel(runId: string): Promise<void> {
  await inngest.send({ name: SIMULATION_CANCELLED, data: { runId }, id: `simulation-cancelled-${runId}` }).catch(() => undefined);
}
