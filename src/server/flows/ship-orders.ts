import { z } from "zod";
import type { Database } from "@/server/db/client";
import type { ActorRef } from "@/server/domain/order";
import { isDomainError } from "@/server/errors";
import { logger } from "@/server/observability/logger";
import { shipOrder, type ShipService } from "./shipment";
import { zText } from "@/server/validation/fields";
import { issue } from "@/lib/validation/field-issue";

/** Ship with this carrier and service instead of each order's own (optional). */
export const ZShipService = z.object({ carrierCode: zText(40).min(1, "Choose a carrier"), serviceLevel: zText(40).min(1, "Choose a service") });

/** At most this many orders per bulk ship, so one request stays short. */
export const BULK_SHIP_LIMIT = 50;

export const ZShipOrdersInput = z.object({
  orderIds: z
    .array(z.uuid({ message: "Order not found" }))
    .min(1, "Choose at least one order")
    .max(BULK_SHIP_LIMIT, `Ship at most ${BULK_SHIP_LIMIT} orders at a time`)
    .refine((ids) => new Set(ids).size === ids.length, issue("listed_twice", "An order is listed twice")),
  service: ZShipService.optional(),
});
export const ZShipOrderResult = z.discriminatedUnion("outcome", [
  z.object({ orderId: z.uuid(), outcome: z.literal("shipped"), shipmentId: z.uuid(), trackingNo: z.string() }),
  /** `code`: the domain error code (ORDER_NOT_SHIPPABLE, ORDER_NOT_FOUND, ...); `message`: English, for logs and API callers. */
  z.object({ orderId: z.uuid(), outcome: z.literal("refused"), code: z.string(), message: z.string() }),
]);
export const ZShipOrdersOutput = z.object({ shipped: z.number().int(), refused: z.number().int(), results: z.array(ZShipOrderResult) });
export type ShipOrdersOutput = z.infer<typeof ZShipOrdersOutput>;

/**
 * Ships several paid orders, each in its own transaction (`shipOrder`: order and shipment
 * locked, stock committed, all or nothing for that order), one after the other, so one refusal
 * never undoes or blocks the others. `service`: every order ships with this carrier and service. Returns a verdict per order in the order given: shipped
 * with its tracking number, or refused with the domain code. Idempotent per order like
 * `shipOrder`: an order already picked up is reported shipped with its parcel.
 */
export async function shipOrders(db: Database, { orderIds, by, service }: { orderIds: string[]; by: ActorRef; service?: ShipService }): Promise<ShipOrdersOutput> {
  const results: ShipOrdersOutput["results"] = [];
  for (const orderId of ZShipOrdersInput.parse({ orderIds, service }).orderIds) {
    try {
      const shipment = await shipOrder(db, { orderId, by, service });
      if (shipment.status === "created" || shipment.status === "cancelled") {
        results.push({ orderId, outcome: "refused", code: "ORDER_NOT_SHIPPABLE", message: `The order's shipment is ${shipment.status}` });
      } else {
        results.push({ orderId, outcome: "shipped", shipmentId: shipment.id, trackingNo: shipment.trackingNo });
      }
    } catch (error) {
      if (!isDomainError(error)) {
        logger.error({ err: error, orderId }, "bulk ship: an order failed");
        results.push({ orderId, outcome: "refused", code: "INTERNAL", message: "The order could not be shipped" });
      } else {
        results.push({ orderId, outcome: "refused", code: error.code, message: error.message });
      }
    }
  }
  return { shipped: results.filter((r) => r.outcome === "shipped").length, refused: results.filter((r) => r.outcome === "refused").length, results };
}
