import { z } from "zod";
import {
  ZCalculatorInput,
  ZCarrier,
  ZCarrierInput,
  ZCourier,
  ZCourierListOutput,
  ZFeeQuote,
  ZCourierInput,
  ZCourierListInput,
  ZIdInput,
  ZUpdateCarrierInput,
  ZUpdateCourierInput,
  calculateQuote,
  createCarrier,
  createCourier,
  getCarrier,
  getCourier,
  listCarriers,
  listCouriers,
  setCarrierEnabled,
  setCourierStatus,
  updateCarrier,
  updateCourier,
} from "@/server/domain/logistics";
import { adminProcedure, createTRPCRouter } from "../trpc";
import { rest } from "../openapi";

const tag = "Admin: carriers";

/** Admin carriers (with service levels and fee rules), the fee calculator, and couriers. */
export const adminCarriersRouter = createTRPCRouter({
  list: adminProcedure
    .meta(rest("GET", "/admin/carriers", "List carriers (enabled and disabled) with service levels and fee rules", { tag }))
    .output(z.array(ZCarrier))
    .query(({ ctx }) => listCarriers(ctx.db, { includeDisabled: true })),
  byId: adminProcedure
    .meta(rest("GET", "/admin/carriers/{id}", "Get a carrier", { tag }))
    .input(ZIdInput)
    .output(ZCarrier)
    .query(({ ctx, input }) => getCarrier(ctx.db, { id: input.id })),
  create: adminProcedure
    .meta(rest("POST", "/admin/carriers", "Create a carrier with its service levels and fee rules", { tag }))
    .input(ZCarrierInput)
    .output(ZCarrier)
    .mutation(({ ctx, input }) => createCarrier(ctx.db, input)),
  update: adminProcedure
    .meta(rest("PUT", "/admin/carriers/{id}", "Replace a carrier's settings, service levels and fee rules", { tag }))
    .input(ZUpdateCarrierInput)
    .output(ZCarrier)
    .mutation(({ ctx, input }) => updateCarrier(ctx.db, input)),
  setEnabled: adminProcedure.input(z.object({ id: z.uuid(), enabled: z.boolean() })).output(ZCarrier).mutation(({ ctx, input }) => setCarrierEnabled(ctx.db, input)),
  calculate: adminProcedure.input(ZCalculatorInput).output(ZFeeQuote).query(({ ctx, input }) => calculateQuote(ctx.db, input)),
  couriers: adminProcedure
    .meta(rest("GET", "/admin/couriers", "List couriers (filter by carrier, city, status, name or phone)", { tag }))
    .input(ZCourierListInput)
    .output(ZCourierListOutput)
    .query(({ ctx, input }) => listCouriers(ctx.db, input)),
  courierById: adminProcedure
    .meta(rest("GET", "/admin/couriers/{id}", "Get a courier", { tag }))
    .input(ZIdInput)
    .output(ZCourier)
    .query(({ ctx, input }) => getCourier(ctx.db, input.id)),
  createCourier: adminProcedure
    .meta(rest("POST", "/admin/couriers", "Create a courier", { tag }))
    .input(ZCourierInput)
    .output(ZCourier)
    .mutation(({ ctx, input }) => createCourier(ctx.db, input)),
  updateCourier: adminProcedure
    .meta(rest("PUT", "/admin/couriers/{id}", "Replace a courier's details", { tag }))
    .input(ZUpdateCourierInput)
    .output(ZCourier)
    .mutation(({ ctx, input }) => updateCourier(ctx.db, input)),
  setCourierStatus: adminProcedure
    .input(z.object({ id: z.uuid(), status: z.enum(["active", "off_duty"]) }))
    .output(ZCourier)
    .mutation(({ ctx, input }) => setCourierStatus(ctx.db, input)),
});
