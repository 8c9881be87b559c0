import { afterAll, beforeAll } from "vitest";
import { getDb } from "../src/server/db/client";
import { closeGatewayDb, createSimulatedGateway, getGatewayDb, setPaymentProvider } from "../src/server/domain/payment";
import { startSimulation, runSimulationBatch } from "../src/server/flows/simulation-run";
import { getSimulationRun, type StartSimulationInput } from "../src/server/domain/simulation";
import { createAdmin, createProduct } from "./fixtures";
import { FAST_CONFIG } from "./payment-fixtures";
import { withLogisticsDatabase } from "./logistics-fixtures";

/**
 * A test file's own database with carriers, couriers and a few well-stocked products, and the
 * fast simulated gateway (no latency, forced outcomes by test card) as the process provider.
 */
export function withSimulationDatabase(): void {
  withLogisticsDatabase();
  beforeAll(async () => {
    setPaymentProvider(createSimulatedGateway({ db: getGatewayDb(), config: async () => FAST_CONFIG, sleep: async () => {} }));
    for (let i = 0; i < 4; i++) await createProduct({ stock: 10_000, priceMinor: 2_000 + i * 500, weightGrams: 400 + i * 100 });
  });
  afterAll(async () => {
    setPaymentProvider(null);
    await closeGatewayDb();
  });
}

export const SMALL_MIX = { paid: 25, failed_then_paid: 25, abandoned: 17, cancelled: 17, refunded: 8, delivery_exception: 8 };

export async function startRun(input: Partial<StartSimulationInput> = {}) {
  const admin = await createAdmin();
  const run = await startSimulation(getDb(), {
    adminId: admin.user.id,
    input: { shoppers: 3, orders: 6, mix: { paid: 50, cancelled: 50 }, carriers: ["ZTX"], batchSize: 3, ...input },
  });
  return { admin, run };
}

/** Runs every batch of a run in order, as the sweep would, and returns the final view. */
export async function runToEnd(runId: string) {
  for (let guard = 0; guard < 1000; guard++) {
    const run = await getSimulationRun(getDb(), runId);
    if (run.status !== "running") return run;
    await runSimulationBatch(getDb(), { runId, batch: run.nextBatch });
  }
  throw new Error("run did not finish");
}
