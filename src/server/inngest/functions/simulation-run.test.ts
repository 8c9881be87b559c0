import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/server/db/client";
import { simulationOrders } from "@/server/db/schema";
import { cancelSimulationRun, getSimulationRun } from "@/server/domain/simulation";
import { runSimulationBatch } from "@/server/flows/simulation-run";
import { startRun, withSimulationDatabase } from "../../../../test/simulation-fixtures";
import { simulationRun } from "./simulation-run";

withSimulationDatabase();

/** A fresh engine per execution (an engine keeps the state of its last run). */
const engine = () => new InngestTestEngine({ function: simulationRun });
const requested = (runId: string): [{ name: string; data: { runId: string } }] => [{ name: "shop/simulation.requested", data: { runId } }];

describe("simulation-run (Inngest)", () => {
  it("runs one real step per batch on the database, sleeping between batches for the pacing", async () => {
    const { run } = await startRun({ orders: 5, batchSize: 2, pacing: "window", windowMinutes: 3 });
    const slept: string[] = [];
    const sleeps = [0, 1].map((b) => ({ id: `wait-after-batch-${b}`, handler: () => void slept.push(`wait-after-batch-${b}`) }));
    const { result, ctx } = await engine().execute({ events: requested(run.id), steps: sleeps });
    expect(result).toEqual({ runId: run.id, status: "completed", batches: 3 });
    expect(slept).toEqual(["wait-after-batch-0", "wait-after-batch-1"]);
    for (const id of ["load-run", "batch-0", "batch-1", "batch-2"]) expect(ctx.step.run).toHaveBeenCalledWith(id, expect.any(Function));
    expect(await getSimulationRun(getDb(), run.id)).toMatchObject({ status: "completed", ordersCreated: 5, percent: 100 });
  });

  it("a retried batch step (or a second delivery of the event) creates nothing twice", async () => {
    const { run } = await startRun({ orders: 4, batchSize: 2 });
    // the first batch's step ran, but its result never reached Inngest: the step runs again
    await runSimulationBatch(getDb(), { runId: run.id, batch: 0 });
    const first = await engine().execute({ events: requested(run.id) });
    expect(first.result).toEqual({ runId: run.id, status: "completed", batches: 1 });
    // the event delivered a second time
    const second = await engine().execute({ events: requested(run.id) });
    expect(second.result).toEqual({ runId: run.id, status: "completed", batches: 0 });
    const rows = await getDb().select().from(simulationOrders).where(eq(simulationOrders.runId, run.id));
    expect(rows).toHaveLength(4);
    expect(await getSimulationRun(getDb(), run.id)).toMatchObject({ ordersCreated: 4 });
  });

  it("stops after the batch in progress when the run is cancelled", async () => {
    const { run } = await startRun({ orders: 6, batchSize: 2, pacing: "rate", ordersPerMinute: 60 });
    const { result } = await engine().execute({
      events: requested(run.id),
      steps: [
        {
          id: "wait-after-batch-0",
          // the admin presses cancel while the function sleeps
          handler: async () => void (await cancelSimulationRun(getDb(), { runId: run.id })),
        },
      ],
    });
    expect(result).toEqual({ runId: run.id, status: "cancelled", batches: 1 });
    expect(await getSimulationRun(getDb(), run.id)).toMatchObject({ status: "cancelled", ordersCreated: 2, nextBatch: 1 });
  });

  it("refuses an event without a run id for good", async () => {
    const { error } = await engine().execute({ events: [{ name: "shop/simulation.requested", data: {} }] });
    expect(error).toMatchObject({ name: "NonRetriableError" });
  });
});
