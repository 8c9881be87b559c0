import { because } from "@/lib/audit-reasons";
import { z } from "zod";
import {
  ZAdminShipment,
  ZLogisticsStats,
  ZOrderToShip,
  ZAdminShipmentListOutput,
  ZIdInput,
  ZLogisticsSettings,
  ZShipmentRef,
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
import { ZShipOrdersInput, ZShipOrdersOutput, ZShipService, shipOrders } from "@/server/flows/ship-orders";
import { zPatchOf, zText } from "@/server/validation/fields";
import { ZSettingsChange } from "@/server/domain/settings";
import { adminProcedure, createTRPCRouter } from "../trpc";
import { rest } from "../openapi";

const tag = "Admin: shipments";

const shipmentRef = (s: { id: string; status: string; trackingNo: string; logisticsSn: string }) => ({
  id: s.id,
  status: s.status,
  trackingNo: s.trackingNo,
  logisticsSn: s.logisticsSn,
});

/** Admin shipments: lists and queues, detail, simulation actions, statistics and settings. */
export const adminLogisticsRouter = createTRPCRouter({
  list: adminProcedure
    .meta(rest("GET", "/admin/shipments", "List shipments (filter by status, carrier, courier, numbers, queue, dates)", { tag }))
    .input(ZShipmentListInput)
    .output(ZAdminShipmentListOutput)
    .query(async ({ ctx, input }) => {
    const { staleAfterHours } = await logisticsSettings.get(ctx.db);
    return listShipments(ctx.db, input, { staleAfterHours });
  }),
  toShip: adminProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(20) }))
    .output(z.array(ZOrderToShip))
    .query(({ ctx, input }) => listOrdersAwaitingShipment(ctx.db, input)),
  byId: adminProcedure
    .meta(rest("GET", "/admin/shipments/{id}", "Get a shipment with its route, events, plan and status log", { tag }))
    .input(ZIdInput)
    .output(ZAdminShipment)
    .query(({ ctx, input }) => getShipmentForAdmin(ctx.db, { id: input.id })),
  /** The shipment of an order, or null before one exists. */
  byOrder: adminProcedure.input(z.object({ orderId: z.uuid() })).output(ZAdminShipment.nullable()).query(async ({ ctx, input }) => {
    const shipment = await findShipmentByOrder(ctx.db, input.orderId);
    return shipment ? getShipmentForAdmin(ctx.db, { id: shipment.id }) : null;
  }),
  createForOrder: adminProcedure
    .meta(rest("POST", "/admin/shipments", "Create the shipment of a paid order (not yet handed over)", { tag }))
    .input(z.object({ orderId: z.uuid() }))
    .output(ZShipmentRef)
    .mutation(async ({ ctx, input }) =>
      shipmentRef((await createShipmentForOrder(ctx.db, { orderId: input.orderId, by: { actor: "admin", actorId: ctx.session.id, reason: because("admin.shipment_created") } })).shipment),
    ),
  ship: adminProcedure
    .meta(rest("POST", "/admin/orders/{orderId}/ship", "Ship a paid order (its shipment is created if needed and handed to the carrier); `service` ships with another carrier and service", { tag }))
    .input(z.object({ orderId: z.uuid(), service: ZShipService.optional() }))
    .output(ZShipmentRef)
    .mutation(async ({ ctx, input }) =>
      shipmentRef(await shipOrder(ctx.db, { orderId: input.orderId, service: input.service, by: { actor: "admin", actorId: ctx.session.id, reason: because("admin.shipped") } })),
    ),
  /** Bulk ship from the "to ship" queue: each order in its own transaction, a verdict per order. */
  shipMany: adminProcedure
    .meta(rest("POST", "/admin/orders/ship", "Ship up to 50 paid orders; each is shipped or refused on its own", { tag }))
    .input(ZShipOrdersInput)
    .output(ZShipOrdersOutput)
    .mutation(({ ctx, input }) => shipOrders(ctx.db, { orderIds: input.orderIds, service: input.service, by: { actor: "admin", actorId: ctx.session.id, reason: because("admin.shipped_bulk") } })),
  advance: adminProcedure
    .meta(rest("POST", "/admin/shipments/{id}/advance", "Move a shipment to its next checkpoint now", { tag }))
    .input(ZIdInput)
    .output(ZShipmentRef)
    .mutation(async ({ ctx, input }) => shipmentRef(await advanceShipmentFlow(ctx.db, { shipmentId: input.id, by: { actor: "admin", actorId: ctx.session.id, reason: because("admin.shipment_advanced") } }))),
  markDelivered: adminProcedure
    .meta(rest("POST", "/admin/shipments/{id}/deliver", "Mark a shipment delivered, with who signed", { tag }))
    .input(ZMarkDeliveredInput)
    .output(ZShipmentRef)
    .mutation(async ({ ctx, input }) =>
      shipmentRef(await markDeliveredFlow(ctx.db, { shipmentId: input.id, signer: input.signer, by: { actor: "admin", actorId: ctx.session.id, reason: because("admin.delivered") } })),
    ),
  failedAttempt: adminProcedure
    .input(z.object({ id: z.uuid(), note: zText(200).optional() }))
    .output(ZShipmentRef)
    .mutation(async ({ ctx, input }) =>
      shipmentRef(await recordFailedAttemptFlow(ctx.db, { shipmentId: input.id, note: input.note, by: { actor: "admin", actorId: ctx.session.id, reason: because("admin.failed_attempt_recorded") } })),
    ),
  raiseException: adminProcedure
    .meta(rest("POST", "/admin/shipments/{id}/exception", "Raise an exception on a shipment (address, lost, damaged, other)", { tag }))
    .input(ZRaiseExceptionInput)
    .output(ZShipmentRef)
    .mutation(async ({ ctx, input }) =>
      shipmentRef(await raiseExceptionFlow(ctx.db, { shipmentId: input.id, kind: input.kind, note: input.note, by: { actor: "admin", actorId: ctx.session.id, reason: because("admin.exception_raised", { kind: input.kind }), note: input.note } })),
    ),
  resolveException: adminProcedure
    .meta(rest("POST", "/admin/shipments/{id}/exception/resolve", "Resolve a shipment's exception (resume, return to sender, lost)", { tag }))
    .input(ZResolveExceptionInput)
    .output(ZShipmentRef)
    .mutation(async ({ ctx, input }) =>
      shipmentRef(
        await resolveExceptionFlow(ctx.db, {
          shipmentId: input.id,
          resolution: input.resolution,
          note: input.note,
          by: { actor: "admin", actorId: ctx.session.id, reason: because("admin.exception_resolved", { resolution: input.resolution }), note: input.note },
        }),
      ),
    ),
  assignCourier: adminProcedure
    .input(z.object({ id: z.uuid(), courierId: z.uuid().optional() }))
    .output(ZShipmentRef)
    .mutation(async ({ ctx, input }) =>
      shipmentRef(await assignCourierFlow(ctx.db, { shipmentId: input.id, courierId: input.courierId, by: { actor: "admin", actorId: ctx.session.id, reason: because("admin.courier_assigned") } })),
    ),
  stats: adminProcedure.input(ZStatsInput).output(ZLogisticsStats).query(({ ctx, input }) => logisticsStats(ctx.db, input)),
  settings: adminProcedure
    .meta(rest("GET", "/admin/settings/logistics", "Logistics settings", { tag: "Admin: settings" }))
    .output(ZLogisticsSettings)
    .query(({ ctx }) => logisticsSettings.get(ctx.db)),
  settingsHistory: adminProcedure.output(z.array(ZSettingsChange)).query(({ ctx }) => logisticsSettings.history(ctx.db, 20)),
  updateSettings: adminProcedure
    .meta(rest("PATCH", "/admin/settings/logistics", "Change logistics settings (only the fields sent)", { tag: "Admin: settings" }))
    .input(zPatchOf(ZLogisticsSettingsFields))
    .output(ZLogisticsSettings)
    .mutation(({ ctx, input }) => logisticsSettings.update(ctx.db, input, ctx.session.id)),
});
