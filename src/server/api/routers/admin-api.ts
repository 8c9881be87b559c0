import { apiSettings, ZUpdateApiSettingsInput } from "@/server/rate-limit/api-settings";
import { adminProcedure, createTRPCRouter } from "../trpc";

/** Admin → Settings → API: the request rate limit, with its change history. */
export const adminApiRouter = createTRPCRouter({
  settings: adminProcedure.query(({ ctx }) => apiSettings.get(ctx.db)),
  settingsHistory: adminProcedure.query(({ ctx }) => apiSettings.history(ctx.db, 20)),
  updateSettings: adminProcedure.input(ZUpdateApiSettingsInput).mutation(({ ctx, input }) => apiSettings.update(ctx.db, input, ctx.session.id)),
});
