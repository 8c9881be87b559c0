import { and, eq, gte, ilike, inArray, isNull, lt, notInArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { countMatching, cursorKeyOf, keysetPage, withPage, type KeysetSort } from "@/server/db/list-page";
import { carriers, couriers, orders, shipments } from "@/server/db/schema";
import { ZShipmentListInput, type ShipmentListInput, type ShipmentListSort } from "./logistics.schemas";
import { TERMINAL_SHIPMENT_STATUSES } from "./shipment.machine";
import { normaliseTrackingNumber } from "./tracking-number";

export const MOVING_SHIPMENT_STATUSES = ["picked_up", "in_transit", "out_for_delivery", "delivery_attempt_failed"] as const;

/** A moving parcel with no scan for `staleAfterHours` simulated hours (on its own time scale). */
export function staleShipmentCondition(now: Date, staleAfterHours: number): SQL {
  return and(
    inArray(shipments.status, [...MOVING_SHIPMENT_STATUSES]),
    sql`${shipments.lastScanAt} < ${now.toISOString()}::timestamptz - make_interval(secs => ${staleAfterHours * 3600} / greatest(${shipments.timeScale}, 1))`,
  )!;
}

const escape = (value: string) => value.replace(/[\\%_]/g, "\\$&");

/** The orders each shipment sort walks: its key, then the id, along an index on (key, id). */
const SHIPMENT_LIST_ORDERS: Record<ShipmentListSort, KeysetSort> = {
  created_desc: { name: "created_desc", key: shipments.createdAt, keyKind: "time", id: shipments.id, direction: "desc" },
  created_asc: { name: "created_asc", key: shipments.createdAt, keyKind: "time", id: shipments.id, direction: "asc" },
  fee_desc: { name: "fee_desc", key: shipments.feeMinor, keyKind: "int", id: shipments.id, direction: "desc" },
  fee_asc: { name: "fee_asc", key: shipments.feeMinor, keyKind: "int", id: shipments.id, direction: "asc" },
};

/**
 * Shipments for the admin list, filtered, sorted and keyset-paged on the server (or by page number),
 * a total exact up to 1,000 rows and estimated above, and the queue counts.
 */
export async function listShipments(db: DbOrTx, raw: ShipmentListInput, { now = new Date(), staleAfterHours }: { now?: Date; staleAfterHours: number }) {
  const input = ZShipmentListInput.parse(raw);
  const filters: SQL[] = [];
  if (input.status) filters.push(eq(shipments.status, input.status));
  if (input.carrierCode) filters.push(eq(carriers.code, input.carrierCode));
  if (input.courierId) filters.push(eq(shipments.courierId, input.courierId));
  if (input.trackingNo) filters.push(ilike(shipments.trackingNo, `%${escape(normaliseTrackingNumber(input.trackingNo))}%`));
  if (input.logisticsSn) filters.push(ilike(shipments.logisticsSn, `%${escape(input.logisticsSn)}%`));
  if (input.orderNo) filters.push(ilike(orders.orderNo, `%${escape(input.orderNo)}%`));
  if (input.from) filters.push(gte(shipments.createdAt, input.from));
  if (input.to) filters.push(lt(shipments.createdAt, input.to));
  if (input.queue === "unassigned") filters.push(and(isNull(shipments.courierId), notInArray(shipments.status, [...TERMINAL_SHIPMENT_STATUSES]))!);
  if (input.queue === "exception") filters.push(eq(shipments.status, "exception"));
  if (input.queue === "stale") filters.push(staleShipmentCondition(now, staleAfterHours));
  const where = filters.length ? and(...filters) : undefined;
  const stale = staleShipmentCondition(now, staleAfterHours);
  const sort = SHIPMENT_LIST_ORDERS[input.sort];

  const [page, total, [queues]] = await Promise.all([
    keysetPage(sort, input, ({ where: after, orderBy, limit, offset }) =>
      db
        .select({
          id: shipments.id,
          orderId: shipments.orderId,
          orderNo: orders.orderNo,
          logisticsSn: shipments.logisticsSn,
          trackingNo: shipments.trackingNo,
          status: shipments.status,
          carrierCode: carriers.code,
          carrierNameEn: carriers.nameEn,
          carrierNameZh: carriers.nameZh,
          serviceLevel: shipments.serviceLevel,
          courierId: shipments.courierId,
          courierName: couriers.name,
          destinationCity: sql<string>`${shipments.destination}->>'city'`,
          originCity: sql<string>`${shipments.origin}->>'city'`,
          feeMinor: shipments.feeMinor,
          currency: shipments.currency,
          createdAt: shipments.createdAt,
          lastScanAt: shipments.lastScanAt,
          stale: sql<boolean>`coalesce(${stale}, false)`,
          cursorKey: cursorKeyOf(sort),
        })
        .from(shipments)
        .innerJoin(orders, eq(orders.id, shipments.orderId))
        .innerJoin(carriers, eq(carriers.id, shipments.carrierId))
        .leftJoin(couriers, eq(couriers.id, shipments.courierId))
        .where(withPage(where, after))
        .orderBy(...orderBy)
        .limit(limit)
        .offset(offset),
    ),
    countMatching(db, {
      table: "shipments",
      filtered: where !== undefined,
      query: db
        .select({ one: sql`1` })
        .from(shipments)
        .innerJoin(orders, eq(orders.id, shipments.orderId))
        .innerJoin(carriers, eq(carriers.id, shipments.carrierId))
        .where(where),
    }),
    db
      .select({
        unassigned: sql<number>`count(*) filter (where ${shipments.courierId} is null and ${notInArray(shipments.status, [...TERMINAL_SHIPMENT_STATUSES])})::int`,
        exception: sql<number>`count(*) filter (where ${shipments.status} = 'exception')::int`,
        stale: sql<number>`count(*) filter (where ${stale})::int`,
      })
      .from(shipments),
  ]);
  return { ...page, ...total, queues: queues ?? { unassigned: 0, exception: 0, stale: 0 } };
}

/** Paid orders whose parcel has not been picked up yet (no shipment, or one still "created"), oldest first. */
export async function listOrdersAwaitingShipment(db: DbOrTx, { limit = 20 }: { limit?: number } = {}) {
  return db
    .select({
      orderId: orders.id,
      orderNo: orders.orderNo,
      paidAt: orders.paidAt,
      destinationCity: sql<string>`${orders.shippingAddress}->>'city'`,
      destinationProvince: sql<string>`${orders.shippingAddress}->>'province'`,
      carrierCode: orders.carrierCode,
      serviceLevel: orders.serviceLevel,
      shipmentId: shipments.id,
      trackingNo: shipments.trackingNo,
      courierId: shipments.courierId,
    })
    .from(orders)
    .leftJoin(shipments, eq(shipments.orderId, orders.id))
    .where(and(eq(orders.status, "paid"), sql`(${shipments.id} is null or ${shipments.status} = 'created')`))
    .orderBy(orders.paidAt)
    .limit(limit);
}

/**
 * Parcels that will never reach the shopper (confirmed lost, or returned to the sender) while
 * their order still counts as paid, shipped or delivered: the refund path's work list for the
 * lifecycle and payment modules.
 */
export async function listShipmentsAwaitingRefund(db: DbOrTx, { limit = 100 }: { limit?: number } = {}) {
  return db
    .select({ shipmentId: shipments.id, orderId: shipments.orderId, status: shipments.status, logisticsSn: shipments.logisticsSn, updatedAt: shipments.updatedAt })
    .from(shipments)
    .innerJoin(orders, eq(orders.id, shipments.orderId))
    .where(and(inArray(shipments.status, ["lost", "returned_to_sender"]), inArray(orders.status, ["paid", "shipped", "delivered"])))
    .orderBy(shipments.updatedAt)
    .limit(limit);
}
