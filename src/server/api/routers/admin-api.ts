import { z } from "zod";
import { ZSettingsChange } from "@/server/domain/settings";
import { apiSettings, ZApiSettingsFields, ZUpdateApiSettingsInput } from "@/server/rate-limit/api-settings";
import { adminProcedure, createTRPCRouter } from "../trpc";
import { rest } from "../openapi";

/** Admin → Settings → API: the request rate limit, with its change history. */
export const adminApiRouter = createTRPCRouter({
  settings: adminProcedure
    .meta(rest("GET", "/admin/settings/api", "The API's request rate limit", { tag: "Admin: settings" }))
    .output(ZApiSettingsFields)
    .query(({ ctx }) => apiSettings.get(ctx.db)),
  settingsHistory: adminProcedure.output(z.array(ZSettingsChange)).query(({ ctx }) => apiSettings.history(ctx.db, 20)),
  updateSettings: adminProcedure
    .meta(rest("PATCH", "/admin/settings/api", "Change the API's request rate limit", { tag: "Admin: settings" }))
    .input(ZUpdateApiSettingsInput)
    .output(ZApiSettingsFields)
    .mutation(({ ctx, input }) => apiSettings.update(ctx.db, input, ctx.session.id)),
});
