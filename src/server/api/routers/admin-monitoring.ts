import { ZMonitoringInput, ZMonitoringOutput, monitoringOverview } from "@/server/domain/monitoring";
import { tasksOverview } from "@/server/scheduler/tasks";
import { adminProcedure, createTRPCRouter } from "../trpc";
import { rest } from "../openapi";

/** Admin → Monitoring: requests, processes, pools, scheduler and outbox in one read. */
export const adminMonitoringRouter = createTRPCRouter({
  overview: adminProcedure
    .meta(rest("GET", "/admin/monitoring", "Requests per route, processes, database pools, scheduler and outbox", { tag: "Admin: monitoring" }))
    .input(ZMonitoringInput)
    .output(ZMonitoringOutput)
    .query(({ ctx, input }) => monitoringOverview(ctx.db, { ...input, loadTasks: (db) => tasksOverview(db) })),
});
