import { z } from "zod";
import {
  ZIdInput,
  ZMarkDeliveredInput,
  ZRaiseExceptionInput,
  ZResolveExceptionInput,
  ZShipmentListInput,
  ZStatsInput,
  ZLogisticsSettingsFields,
  findShipmentByOrder,
  getShipmentForAdmin,
  listOrdersAwaitingShipment,
  listShipments,
  logisticsSettings,
  logisticsStats,
} from "@/server/domain/logistics";
import {
  advanceShipmentFlow,
  assignCourierFlow,
  createShipmentForOrder,
  markDeliveredFlow,
  raiseExceptionFlow,
  recordFailedAttemptFlow,
  resolveExceptionFlow,
  shipOrder,
} from "@/server/flows/shipment";
import { zPatchOf, zText } from "@/server/validation/fields";
import { adminProcedure, createTRPCRouter } from "../trpc";

const shipmentRef = (s: { id: string; status: string; trackingNo: string; logisticsSn: string }) => ({
  id: s.id,
  status: s.status,
  trackingNo: s.trackingNo,
  logisticsSn: s.logisticsSn,
});
const ZShipmentRef = z.object({ id: z.uuid(), status: z.string(), trackingNo: z.string(), logisticsSn: z.string() });

/** Admin shipments: lists and queues, detail, simulation actions, statistics and settings. */
export const adminLogisticsRouter = createTRPCRouter({
  list: adminProcedure.input(ZShipmentListInput).query(async ({ ctx, input }) => {
    const { staleAfterHours } = await logisticsSettings.get(ctx.db);
    return listShipments(ctx.db, input, { staleAfterHours });
  }),
  toShip: adminProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(20) }))
    .query(({ ctx, input }) => listOrdersAwaitingShipment(ctx.db, input)),
  byId: adminProcedure.input(ZIdInput).query(({ ctx, input }) => getShipmentForAdmin(ctx.db, { id: input.id })),
  /** The shipment of an order, or null before one exists. */
  byOrder: adminProcedure.input(z.object({ orderId: z.uuid() })).query(async ({ ctx, input }) => {
    const shipment = await findShipmentByOrder(ctx.db, input.orderId);
    return shipment ? getShipmentForAdmin(ctx.db, { id: shipment.id }) : null;
  }),
  createForOrder: adminProcedure
    .input(z.object({ orderId: z.uuid() }))
    .output(ZShipmentRef)
    .mutation(async ({ ctx, input }) =>
      shipmentRef((await createShipmentForOrder(ctx.db, { orderId: input.orderId, by: { actor: "admin", actorId: ctx.session.id, reason: "shipment created by admin" } })).shipment),
    ),
  ship: adminProcedure
    .input(z.object({ orderId: z.uuid() }))
    .output(ZShipmentRef)
    .mutation(async ({ ctx, input }) => shipmentRef(await shipOrder(ctx.db, { orderId: input.orderId, by: { actor: "admin", actorId: ctx.session.id, reason: "shipped by admin" } }))),
  advance: adminProcedure
    .input(ZIdInput)
    .output(ZShipmentRef)
    .mutation(async ({ ctx, input }) => shipmentRef(await advanceShipmentFlow(ctx.db, { shipmentId: input.id, by: { actor: "admin", actorId: ctx.session.id, reason: "advanced by admin" } }))),
  markDelivered: adminProcedure
    .input(ZMarkDeliveredInput)
    .output(ZShipmentRef)
    .mutation(async ({ ctx, input }) =>
      shipmentRef(await markDeliveredFlow(ctx.db, { shipmentId: input.id, signer: input.signer, by: { actor: "admin", actorId: ctx.session.id, reason: "delivered by admin" } })),
    ),
  failedAttempt: adminProcedure
    .input(z.object({ id: z.uuid(), note: zText(200).optional() }))
    .output(ZShipmentRef)
    .mutation(async ({ ctx, input }) =>
      shipmentRef(await recordFailedAttemptFlow(ctx.db, { shipmentId: input.id, note: input.note, by: { actor: "admin", actorId: ctx.session.id, reason: "failed attempt recorded by admin" } })),
    ),
  raiseException: adminProcedure
    .input(ZRaiseExceptionInput)
    .output(ZShipmentRef)
    .mutation(async ({ ctx, input }) =>
      shipmentRef(await raiseExceptionFlow(ctx.db, { shipmentId: input.id, kind: input.kind, note: input.note, by: { actor: "admin", actorId: ctx.session.id, reason: input.note } })),
    ),
  resolveException: adminProcedure
    .input(ZResolveExceptionInput)
    .output(ZShipmentRef)
    .mutation(async ({ ctx, input }) =>
      shipmentRef(
        await resolveExceptionFlow(ctx.db, {
          shipmentId: input.id,
          resolution: input.resolution,
          note: input.note,
          by: { actor: "admin", actorId: ctx.session.id, reason: `exception resolved: ${input.resolution}` },
        }),
      ),
    ),
  assignCourier: adminProcedure
    .input(z.object({ id: z.uuid(), courierId: z.uuid().optional() }))
    .output(ZShipmentRef)
    .mutation(async ({ ctx, input }) =>
      shipmentRef(await assignCourierFlow(ctx.db, { shipmentId: input.id, courierId: input.courierId, by: { actor: "admin", actorId: ctx.session.id, reason: "courier assigned" } })),
    ),
  stats: adminProcedure.input(ZStatsInput).query(({ ctx, input }) => logisticsStats(ctx.db, input)),
  settings: adminProcedure.query(({ ctx }) => logisticsSettings.get(ctx.db)),
  settingsHistory: adminProcedure.query(({ ctx }) => logisticsSettings.history(ctx.db, 20)),
  updateSettings: adminProcedure
    .input(zPatchOf(ZLogisticsSettingsFields))
    .mutation(({ ctx, input }) => logisticsSettings.update(ctx.db, input, ctx.session.id)),
});
