import type { DbOrTx } from "@/server/db/client";
import { realDurationMs, seededRandom, simulationSettings } from "@/server/domain/simulation";
import type { PaymentMethod } from "../payment.machine";
import { paymentSettings, successPercentFor, type PaymentSettings } from "../payment.settings";

/** How the simulated gateway behaves right now: read from the payment and simulation settings. */
export type SimulatorConfig = {
  successPercent: (method: PaymentMethod) => number;
  /** Real milliseconds the gateway takes to answer (the simulated latency shrunk by the time scale). */
  latency: (method: PaymentMethod) => { minMs: number; maxMs: number };
  ambiguousTimeoutPercent: number;
  /** Real milliseconds until a refund settles (the simulated delay shrunk by the time scale). */
  refundDelayMs: number;
  refundFailurePercent: number;
  /** null: fresh randomness; else outcomes are drawn from `seededRandom(seed, ...)`. */
  seed: number | null;
};

export function simulatorConfigFrom(settings: PaymentSettings, simulation: { seed: number; timeScale: number }): SimulatorConfig {
  return {
    successPercent: (method) => successPercentFor(settings, method),
    // Like every other wait of the simulated world: at a time scale of 100,000 a 500 ms answer
    // takes no real time, so a simulation run is not paced by the gateway's pretend latency.
    latency: (method) => {
      const { minMs, maxMs } = settings.methods[method].latency;
      return { minMs: realDurationMs(minMs, simulation.timeScale), maxMs: realDurationMs(maxMs, simulation.timeScale) };
    },
    ambiguousTimeoutPercent: settings.ambiguousTimeoutPercent,
    refundDelayMs: realDurationMs(settings.refundDelaySeconds * 1000, simulation.timeScale),
    refundFailurePercent: settings.refundFailurePercent,
    seed: settings.useSeed ? simulation.seed : null,
  };
}

export async function loadSimulatorConfig(db: DbOrTx): Promise<SimulatorConfig> {
  const [settings, simulation] = await Promise.all([paymentSettings.get(db), simulationSettings.get(db)]);
  return simulatorConfigFrom(settings, simulation);
}

/** A random stream for one decision: reproducible from the seed and the entity's keys. */
export function randomFor(config: Pick<SimulatorConfig, "seed">, ...keys: (string | number)[]): () => number {
  return config.seed === null ? Math.random : seededRandom(config.seed, ...keys);
}
