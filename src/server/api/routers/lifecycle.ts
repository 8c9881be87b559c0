import { z } from "zod";
import {
  ZConfirmReceiptInput,
  ZConfirmReceiptOutput,
  ZLifecycleSettingsView,
  ZRetryTaskRunResult,
  ZRunTaskResult,
  ZTaskId,
  ZTaskRun,
  ZTaskRunId,
  ZTasksOverview,
  ZUpdateLifecycleSettingsInput,
  getTaskRun,
  lifecycleSettings,
  listTaskRuns,
} from "@/server/domain/lifecycle";
import { ZSettingsChange } from "@/server/domain/settings";
import { simulationSettings } from "@/server/domain/simulation";
import { confirmReceipt } from "@/server/flows/receipt";
import { retryTaskRun, runTaskNow, tasksOverview } from "@/server/scheduler/tasks";
import { adminProcedure, createTRPCRouter, shopperProcedure } from "../trpc";
import { rest } from "../openapi";

/** Procedures of the lifecycle module (shopper, admin and public tiers). */
export const lifecycleRouter = createTRPCRouter({
  confirmReceipt: shopperProcedure
    .meta(rest("POST", "/orders/{orderId}/confirm-receipt", "Confirm you received a delivered order", { tag: "Orders" }))
    .input(ZConfirmReceiptInput)
    .output(ZConfirmReceiptOutput)
    .mutation(({ ctx, input }) => confirmReceipt(ctx.db, { userId: ctx.session.id, orderId: input.orderId })),

  settings: adminProcedure
    .meta(rest("GET", "/admin/settings/lifecycle", "Order lifecycle timings and the simulation time scale", { tag: "Admin: settings" }))
    .output(ZLifecycleSettingsView)
    .query(async ({ ctx }) => ({ ...(await lifecycleSettings.get(ctx.db)), timeScale: (await simulationSettings.get(ctx.db)).timeScale })),
  updateSettings: adminProcedure
    .meta(rest("PATCH", "/admin/settings/lifecycle", "Change lifecycle timings or the time scale (only the fields sent)", { tag: "Admin: settings" }))
    .input(ZUpdateLifecycleSettingsInput)
    .output(ZLifecycleSettingsView)
    .mutation(async ({ ctx, input }) => {
    const { timeScale, ...timings } = input;
    const saved = await lifecycleSettings.update(ctx.db, timings, ctx.session.id);
    const sim = timeScale === undefined ? await simulationSettings.get(ctx.db) : await simulationSettings.update(ctx.db, { timeScale }, ctx.session.id);
    return { ...saved, timeScale: sim.timeScale };
  }),
  settingsHistory: adminProcedure.output(z.array(ZSettingsChange)).query(async ({ ctx }) => [...(await lifecycleSettings.history(ctx.db, 20)), ...(await simulationSettings.history(ctx.db, 20))].sort((a, b) => b.id - a.id).slice(0, 20)),

  tasks: adminProcedure
    .meta(rest("GET", "/admin/tasks", "Background tasks with their recent statistics and the latest failed runs", { tag: "Admin: tasks" }))
    .input(z.object({ failures: z.enum(["recent", "lastDay"]).default("recent") }).default({ failures: "recent" }))
    .output(ZTasksOverview)
    .query(({ ctx, input }) => tasksOverview(ctx.db, { failuresOfLastDay: input.failures === "lastDay" })),
  taskRuns: adminProcedure
    .meta(rest("GET", "/admin/tasks/{taskId}/runs", "The latest 50 runs of a task", { tag: "Admin: tasks" }))
    .input(ZTaskId)
    .output(z.array(ZTaskRun))
    .query(({ ctx, input }) => listTaskRuns(ctx.db, { taskId: input.taskId, limit: 50 })),
  taskRun: adminProcedure
    .meta(rest("GET", "/admin/task-runs/{runId}", "Get a task run", { tag: "Admin: tasks" }))
    .input(ZTaskRunId)
    .output(ZTaskRun)
    .query(({ ctx, input }) => getTaskRun(ctx.db, input.runId)),
  runNow: adminProcedure
    .meta(rest("POST", "/admin/tasks/{taskId}/run", "Run a sweep now", { tag: "Admin: tasks" }))
    .input(ZTaskId)
    .output(ZRunTaskResult)
    .mutation(({ ctx, input }) => runTaskNow(ctx.db, { taskId: input.taskId })),
  retryRun: adminProcedure
    .meta(rest("POST", "/admin/task-runs/{runId}/retry", "Retry a failed run (a sweep runs again; an event is sent again)", { tag: "Admin: tasks" }))
    .input(ZTaskRunId)
    .output(ZRetryTaskRunResult)
    .mutation(({ ctx, input }) => retryTaskRun(ctx.db, { runId: input.runId })),
});
