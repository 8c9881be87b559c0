import { z } from "zod";
import {
  ZCalculatorInput,
  ZCarrierInput,
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

/** Admin carriers (with service levels and fee rules), the fee calculator, and couriers. */
export const adminCarriersRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listCarriers(ctx.db, { includeDisabled: true })),
  byId: adminProcedure.input(ZIdInput).query(({ ctx, input }) => getCarrier(ctx.db, { id: input.id })),
  create: adminProcedure.input(ZCarrierInput).mutation(({ ctx, input }) => createCarrier(ctx.db, input)),
  update: adminProcedure.input(ZUpdateCarrierInput).mutation(({ ctx, input }) => updateCarrier(ctx.db, input)),
  setEnabled: adminProcedure.input(z.object({ id: z.uuid(), enabled: z.boolean() })).mutation(({ ctx, input }) => setCarrierEnabled(ctx.db, input)),
  calculate: adminProcedure.input(ZCalculatorInput).query(({ ctx, input }) => calculateQuote(ctx.db, input)),
  couriers: adminProcedure.input(ZCourierListInput).query(({ ctx, input }) => listCouriers(ctx.db, input)),
  courierById: adminProcedure.input(ZIdInput).query(({ ctx, input }) => getCourier(ctx.db, input.id)),
  createCourier: adminProcedure.input(ZCourierInput).mutation(({ ctx, input }) => createCourier(ctx.db, input)),
  updateCourier: adminProcedure.input(ZUpdateCourierInput).mutation(({ ctx, input }) => updateCourier(ctx.db, input)),
  setCourierStatus: adminProcedure
    .input(z.object({ id: z.uuid(), status: z.enum(["active", "off_duty"]) }))
    .mutation(({ ctx, input }) => setCourierStatus(ctx.db, input)),
});
