import { z } from "zod";
import { ZListSimulationRunsInput, ZSimulationRunId, ZSimulationRunView, ZStartSimulationInput, getSimulationRun, listSimulationRuns } from "@/server/domain/simulation";
import { DEMO_DATA_SCOPES, initialiseDemoData } from "@/server/flows/demo-data";
import { cancelSimulation, startSimulation } from "@/server/flows/simulation-run";
import { schedulerMode } from "@/server/scheduler/mode";
import { adminProcedure, createTRPCRouter } from "../trpc";
import { rest } from "../openapi";

/** Admin → Simulation: generate shoppers and orders through the real operations; demo data. */
export const adminSimulationRouter = createTRPCRouter({
  start: adminProcedure
    .meta(rest("POST", "/admin/simulation-runs", "Start a simulation run", { tag: "Admin: simulation" }))
    .input(ZStartSimulationInput)
    .output(ZSimulationRunView)
    .mutation(({ ctx, input }) =>
      startSimulation(ctx.db, { adminId: ctx.session.id, input, executor: schedulerMode() === "inngest" ? "inngest" : "local" }),
    ),
  cancel: adminProcedure
    .meta(rest("POST", "/admin/simulation-runs/{runId}/cancel", "Cancel a simulation run", { tag: "Admin: simulation" }))
    .input(ZSimulationRunId)
    .output(ZSimulationRunView)
    .mutation(({ ctx, input }) => cancelSimulation(ctx.db, input)),
  byId: adminProcedure
    .meta(rest("GET", "/admin/simulation-runs/{runId}", "A simulation run and its progress", { tag: "Admin: simulation" })).input(ZSimulationRunId).output(ZSimulationRunView).query(({ ctx, input }) => getSimulationRun(ctx.db, input.runId)),
  list: adminProcedure
    .meta(rest("GET", "/admin/simulation-runs", "List simulation runs", { tag: "Admin: simulation" }))
    .input(ZListSimulationRunsInput)
    .output(z.object({ items: z.array(ZSimulationRunView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }))
    .query(({ ctx, input }) => listSimulationRuns(ctx.db, input)),
  initialise: adminProcedure
    .input(z.object({ scope: z.enum(DEMO_DATA_SCOPES) }))
    .output(z.object({ scope: z.enum(DEMO_DATA_SCOPES) }))
    .mutation(({ ctx, input }) => initialiseDemoData(ctx.db, input)),
});
