import { z } from "zod";
import { adminDashboard } from "@/server/flows/admin-dashboard";
import { ZAdminDashboardOutput } from "@/server/flows/admin-dashboard.schemas";
import { rest } from "../openapi";
import { adminProcedure, createTRPCRouter } from "../trpc";

/** The admin home: today's and this week's figures, the queues that need a person, recent events. */
export const adminDashboardRouter = createTRPCRouter({
  get: adminProcedure
    .meta(rest("GET", "/admin/dashboard", "The admin home: figures, queues and recent events", { tag: "Admin: dashboard" }))
    .input(z.object({}).optional())
    .output(ZAdminDashboardOutput)
    .query(({ ctx }) => adminDashboard(ctx.db)),
});
