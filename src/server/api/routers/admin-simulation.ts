import { z } from "zod";
import { ZListSimulationRunsInput, ZSimulationRunId, ZSimulationRunView, ZStartSimulationInput, getSimulationRun, listSimulationRuns } from "@/server/domain/simulation";
import { DEMO_DATA_SCOPES, initialiseDemoData } from "@/server/flows/demo-data";
import { cancelSimulation, startSimulation } from "@/server/flows/simulation-run";
import { schedulerMode } from "@/server/scheduler/mode";
import { adminProcedure, createTRPCRouter } from "../trpc";

/** Admin → Simulation: generate shoppers and orders through the real operations; demo data. */
export const adminSimulationRouter = createTRPCRouter({
  start: adminProcedure
    .input(ZStartSimulationInput)
    .output(ZSimulationRunView)
    .mutation(({ ctx, input }) =>
      startSimulation(ctx.db, { adminId: ctx.session.id, input, executor: schedulerMode() === "inngest" ? "inngest" : "local" }),
    ),
  cancel: adminProcedure
    .input(ZSimulationRunId)
    .output(ZSimulationRunView)
    .mutation(({ ctx, input }) => cancelSimulation(ctx.db, input)),
  byId: adminProcedure.input(ZSimulationRunId).output(ZSimulationRunView).query(({ ctx, input }) => getSimulationRun(ctx.db, input.runId)),
  list: adminProcedure
    .input(ZListSimulationRunsInput)
    .output(z.object({ items: z.array(ZSimulationRunView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }))
    .query(({ ctx, input }) => listSimulationRuns(ctx.db, input)),
  initialise: adminProcedure
    .input(z.object({ scope: z.enum(DEMO_DATA_SCOPES) }))
    .output(z.object({ scope: z.enum(DEMO_DATA_SCOPES) }))
    .mutation(({ ctx, input }) => initialiseDemoData(ctx.db, input)),
});
