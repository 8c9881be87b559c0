import { logSettings, searchLogs, ZSearchLogsInput, ZSearchLogsOutput, ZUpdateLogSettingsInput } from "@/server/domain/logs";
import { rest } from "../openapi";
import { adminProcedure, createTRPCRouter } from "../trpc";

/** Admin → Logs: every process's log lines, searched; and their retention (Admin → Settings → Logs). */
export const adminLogsRouter = createTRPCRouter({
  search: adminProcedure
    .meta(rest("GET", "/admin/logs", "Search the log store (newest first, cursor-paged)", { tag: "Admin: logs" }))
    .input(ZSearchLogsInput)
    .output(ZSearchLogsOutput)
    .query(({ ctx, input }) => searchLogs(ctx.db, input)),
  settings: adminProcedure.query(({ ctx }) => logSettings.get(ctx.db)),
  settingsHistory: adminProcedure.query(({ ctx }) => logSettings.history(ctx.db, 20)),
  updateSettings: adminProcedure.input(ZUpdateLogSettingsInput).mutation(({ ctx, input }) => logSettings.update(ctx.db, input, ctx.session.id)),
});
