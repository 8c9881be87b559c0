import { describe, expect, it } from "vitest";
import { getDb, getSql } from "@/server/db/client";
import { getSimulationRun } from "@/server/domain/simulation";
import { startWokenSweeps } from "@/server/scheduler/woken-sweeps";
import { startRun, withSimulationDatabase } from "../../../test/simulation-fixtures";
import { simulationRunsSweep } from "./simulation-run";

withSimulationDatabase();

const TEN_MINUTES = 10 * 60_000;

describe("the simulation runs sweep", () => {
  it("starts a fast run's next batch as soon as one is generated, with no gap between them", async () => {
    // Started first, so the sweep's first run finds it.
    const { run } = await startRun({ orders: 6, batchSize: 3, pacing: "fast" });
    let lastProcessed = 0;
    const delaysAfterBatch: number[] = [];
    let bothBatches!: () => void;
    const generated = new Promise<void>((resolve) => (bothBatches = resolve));
    const woken = startWokenSweeps({
      db: getDb,
      sql: getSql,
      sweeps: [simulationRunsSweep],
      safetyPollMs: TEN_MINUTES,
      fallbackPollMs: TEN_MINUTES,
      runOnce: async (sweep) => {
        const result = await sweep.run({ db: getDb(), now: new Date() });
        lastProcessed = result.processed;
        return result;
      },
      onScheduled: (_sweep, delayMs) => {
        if (lastProcessed === 0) return;
        delaysAfterBatch.push(delayMs);
        if (delaysAfterBatch.length === 2) bothBatches();
      },
    });
    try {
      await generated;
    } finally {
      await woken.stop();
    }
    // A batch takes a few seconds at the largest scale; a gap of a woken sweep's usual 250 ms
    // between batches left the generator idle an eighth of a long run.
    expect(delaysAfterBatch[0]).toBe(0);
    expect((await getSimulationRun(getDb(), run.id)).status).toBe("completed");
  }, 30_000);
});
