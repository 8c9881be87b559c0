import { z } from "zod";
import { ZConfirmReceiptInput, ZConfirmReceiptOutput, ZTaskId, ZTaskRunId, ZUpdateLifecycleSettingsInput, getTaskRun, lifecycleSettings, listTaskRuns } from "@/server/domain/lifecycle";
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

  settings: adminProcedure.query(async ({ ctx }) => ({ ...(await lifecycleSettings.get(ctx.db)), timeScale: (await simulationSettings.get(ctx.db)).timeScale })),
  updateSettings: adminProcedure.input(ZUpdateLifecycleSettingsInput).mutation(async ({ ctx, input }) => {
    const { timeScale, ...timings } = input;
    const saved = await lifecycleSettings.update(ctx.db, timings, ctx.session.id);
    const sim = timeScale === undefined ? await simulationSettings.get(ctx.db) : await simulationSettings.update(ctx.db, { timeScale }, ctx.session.id);
    return { ...saved, timeScale: sim.timeScale };
  }),
  settingsHistory: adminProcedure.query(async ({ ctx }) => [...(await lifecycleSettings.history(ctx.db, 20)), ...(await simulationSettings.history(ctx.db, 20))].sort((a, b) => b.id - a.id).slice(0, 20)),

  tasks: adminProcedure
    .input(z.object({ failures: z.enum(["recent", "lastDay"]).default("recent") }).default({ failures: "recent" }))
    .query(({ ctx, input }) => tasksOverview(ctx.db, { failuresOfLastDay: input.failures === "lastDay" })),
  taskRuns: adminProcedure.input(ZTaskId).query(({ ctx, input }) => listTaskRuns(ctx.db, { taskId: input.taskId, limit: 50 })),
  taskRun: adminProcedure.input(ZTaskRunId).query(({ ctx, input }) => getTaskRun(ctx.db, input.runId)),
  runNow: adminProcedure.input(ZTaskId).mutation(({ ctx, input }) => runTaskNow(ctx.db, { taskId: input.taskId })),
  retryRun: adminProcedure.input(ZTaskRunId).mutation(({ ctx, input }) => retryTaskRun(ctx.db, { runId: input.runId })),
});
