import { NonRetriableError } from "inngest";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import { findSimulationRun } from "@/server/domain/simulation";
import { runSimulationBatch } from "@/server/flows/simulation-run";
import { inngest } from "../client";

const ZData = z.object({ runId: z.uuid() });

/**
 * Drives one simulation run: one step per batch (`batch-<n>`, idempotent: the batch claims the
 * run row and skips a batch already done), a sleep between batches for the chosen pacing, and
 * cancellation by `shop/simulation.cancelled` for the same run. One function run per run id.
 */
export const simulationRun = inngest.createFunction(
  {
    id: "simulation-run",
    name: "Simulation run",
    triggers: [{ event: "shop/simulation.requested" }],
    cancelOn: [{ event: "shop/simulation.cancelled", match: "data.runId" }],
    concurrency: [{ key: "event.data.runId", limit: 1 }],
    idempotency: "event.data.runId",
    retries: 5,
  },
  async ({ event, step }) => {
    const parsed = ZData.safeParse(event.data);
    if (!parsed.success) throw new NonRetriableError("shop/simulation.requested needs data.runId (uuid)");
    const { runId } = parsed.data;

    const plan = await step.run("load-run", async () => {
      const run = await findSimulationRun(getDb(), runId);
      if (!run) throw new NonRetriableError(`simulation run ${runId} not found`);
      return { batchCount: run.batchCount, firstBatch: run.nextBatch, intervalMs: run.batchIntervalMs, status: run.status };
    });
    if (plan.status !== "running") return { runId, status: plan.status, batches: 0 };

    let batches = 0;
    for (let batch = plan.firstBatch; batch < plan.batchCount; batch++) {
      const result = await step.run(`batch-${batch}`, async () => {
        const outcome = await runSimulationBatch(getDb(), { runId, batch });
        // Someone else (the fallback sweep) holds the run: retry this step later.
        if (outcome.status === "busy") throw new Error(`simulation run ${runId} is busy; retrying batch ${batch}`);
        return { status: outcome.status, runStatus: outcome.run.status };
      });
      if (result.status === "generated") batches += 1;
      if (result.runStatus !== "running") return { runId, status: result.runStatus, batches };
      if (plan.intervalMs > 0) await step.sleep(`wait-after-batch-${batch}`, plan.intervalMs);
    }
    return { runId, status: "completed", batches };
  },
);
