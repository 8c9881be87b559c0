import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { Zone } from "@/server/domain/logistics/geography/geography";
import type { ShipmentStatus } from "@/server/domain/logistics/shipment.machine";
import type { CheckAlgorithm } from "@/server/domain/logistics/tracking-number";
import type { EventKind, Facility } from "@/server/domain/logistics/trajectory/planner";
import { auditReasonColumns, createdAt, currency, id, money, updatedAt } from "./columns";
import { warehouses } from "./catalog";
import { orders, statusActor, type AddressSnapshot } from "./order";

// Tables of the logistics module (owned and written only by that module).

/** Feeds logistics_sn and the tracking-number bodies. */
export const logisticsSnSeq = pgSequence("logistics_sn_seq", { startWith: 1, cache: 1 });
export const trackingSerialSeq = pgSequence("tracking_serial_seq", { startWith: 1, cache: 1 });

export const carriers = pgTable(
  "carriers",
  {
    id: id(),
    /** Short upper-case code stored on orders, e.g. SWIFT. */
    code: text().notNull().unique(),
    nameEn: text().notNull(),
    nameZh: text().notNull(),
    /** Placeholder logo: a brand colour for the initials badge. */
    logoColor: text().notNull().default("#2563eb"),
    trackingPrefix: text().notNull(),
    trackingBodyLength: integer().notNull(),
    trackingCheck: text().$type<CheckAlgorithm>().notNull(),
    trackingSuffix: text().notNull().default(""),
    enabled: boolean().notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [check("carriers_tracking_body_length", sql`${t.trackingBodyLength} between 6 and 16`)],
);

export const carrierServiceLevels = pgTable(
  "carrier_service_levels",
  {
    id: id(),
    carrierId: uuid()
      .notNull()
      .references(() => carriers.id, { onDelete: "cascade" }),
    /** e.g. standard, express. */
    code: text().notNull(),
    nameEn: text().notNull(),
    nameZh: text().notNull(),
    /** Promised door-to-door days for a far-zone parcel (fewer for nearer zones). */
    promisedDays: integer().notNull(),
    /** Express goes by air on long legs. */
    speed: text().$type<"standard" | "express">().notNull().default("standard"),
    firstWeightGrams: integer().notNull().default(1000),
    stepGrams: integer().notNull().default(1000),
    volumetricDivisor: integer().notNull().default(8000),
    freeShippingThresholdMinor: integer(),
    enabled: boolean().notNull().default(true),
    sortOrder: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex().on(t.carrierId, t.code),
    check("service_levels_positive", sql`${t.firstWeightGrams} > 0 AND ${t.stepGrams} > 0 AND ${t.volumetricDivisor} > 0 AND ${t.promisedDays} > 0`),
  ],
);

export const carrierFeeRules = pgTable(
  "carrier_fee_rules",
  {
    id: id(),
    serviceLevelId: uuid()
      .notNull()
      .references(() => carrierServiceLevels.id, { onDelete: "cascade" }),
    zone: text().$type<Zone>().notNull(),
    firstFeeMinor: money(),
    additionalFeeMinor: money(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex().on(t.serviceLevelId, t.zone), check("fee_rules_non_negative", sql`${t.firstFeeMinor} >= 0 AND ${t.additionalFeeMinor} >= 0`)],
);

export const couriers = pgTable(
  "couriers",
  {
    id: id(),
    carrierId: uuid()
      .notNull()
      .references(() => carriers.id),
    name: text().notNull(),
    phone: text().notNull(),
    province: text().notNull(),
    city: text().notNull(),
    /** Null: the whole city. */
    district: text(),
    status: text().$type<"active" | "off_duty">().notNull().default("active"),
    /** Parcels assigned and not yet finished; changed only by conditional updates. */
    currentLoad: integer().notNull().default(0),
    lastAssignedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.carrierId, t.province, t.city, t.status),
    uniqueIndex().on(t.carrierId, t.phone),
    check("couriers_load_non_negative", sql`${t.currentLoad} >= 0`),
  ],
);

export type ShipmentOrigin = { warehouseCode: string; name: string; province: string; city: string; district: string };
export type RoutePoint = { city: string; cityEn: string; lat: number; lng: number };

export const shipments = pgTable(
  "shipments",
  {
    id: id(),
    /** One shipment per order: the database refuses a second one. */
    orderId: uuid()
      .notNull()
      .unique()
      .references(() => orders.id),
    logisticsSn: text().notNull().unique(),
    trackingNo: text().notNull().unique(),
    carrierId: uuid()
      .notNull()
      .references(() => carriers.id),
    serviceLevel: text().notNull(),
    /** Moved only through the shipment state machine (src/server/domain/logistics/shipment.machine.ts). */
    status: text().$type<ShipmentStatus>().notNull().default("created"),
    courierId: uuid().references(() => couriers.id),
    warehouseId: uuid()
      .notNull()
      .references(() => warehouses.id),
    origin: jsonb().$type<ShipmentOrigin>().notNull(),
    destination: jsonb().$type<AddressSnapshot>().notNull(),
    zone: text().$type<Zone>().notNull(),
    actualWeightGrams: integer().notNull(),
    volumetricWeightGrams: integer().notNull(),
    chargeableWeightGrams: integer().notNull(),
    feeMinor: money(),
    currency: currency(),
    /** The shipment's own clock: simulated time `clockSim` corresponds to real time `clockReal`. */
    clockReal: timestamp({ withTimezone: true }),
    clockSim: timestamp({ withTimezone: true }),
    timeScale: doublePrecision().notNull().default(1),
    /** Real instants: the carrier's promise for the service bought and the plan's delivery estimate at pickup. */
    promisedAt: timestamp({ withTimezone: true }),
    estimatedDeliveryAt: timestamp({ withTimezone: true }),
    route: jsonb().$type<RoutePoint[]>(),
    distanceKm: integer(),
    pickedUpAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    /** Real time of the last recorded scan (for the "stale" flag). */
    lastScanAt: timestamp({ withTimezone: true }),
    signer: text(),
    failedAttempts: integer().notNull().default(0),
    exceptionKind: text().$type<"address" | "lost" | "damaged" | "other">(),
    exceptionNote: text(),
    statusBeforeException: text().$type<ShipmentStatus>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index().on(t.status, t.createdAt),
    index().on(t.carrierId, t.createdAt),
    index().on(t.courierId),
    // The admin list's sorts walk (key, id) so a keyset page is an index range (src/server/db/list-page.ts).
    index("shipments_created_at_id").on(t.createdAt, t.id),
    index("shipments_fee_id").on(t.feeMinor, t.id),
    check("shipments_weights_non_negative", sql`${t.chargeableWeightGrams} >= 0 AND ${t.feeMinor} >= 0`),
  ],
);

/** The planned trajectory plus admin-recorded events; a page shows those already recorded or due. */
export const shipmentCheckpoints = pgTable(
  "shipment_checkpoints",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    shipmentId: uuid()
      .notNull()
      .references(() => shipments.id, { onDelete: "cascade" }),
    /** Position in the plan; null for events an admin added. */
    seq: integer(),
    kind: text().$type<EventKind>().notNull(),
    /** Shipment status after this checkpoint. */
    status: text().$type<ShipmentStatus>().notNull(),
    province: text().notNull(),
    city: text().notNull(),
    cityEn: text().notNull(),
    facility: jsonb().$type<Facility>().notNull(),
    next: jsonb().$type<Facility>(),
    /**
     * Planned: the simulated instant on the shipment's clock (internal to the plan). Recorded:
     * the real instant it happened, which people read; never after `recordedAt`.
     */
    eventAt: timestamp({ withTimezone: true }).notNull(),
    /** Real time from which it counts as happened (what people see as "expected" until then). */
    dueAt: timestamp({ withTimezone: true }).notNull(),
    recordedAt: timestamp({ withTimezone: true }),
    /** Dropped from the plan (e.g. a planned failed attempt when an admin marks delivered). */
    skipped: boolean().notNull().default(false),
    /**
     * Still planned, but on hold with its parcel: the shipment has an open exception. Resuming
     * releases it (with its times moved past the present); returning or losing the parcel skips
     * it. Held checkpoints stay out of the due index, so the recording sweep never walks past them.
     */
    held: boolean().notNull().default(false),
    signer: text(),
    note: text(),
    courierName: text(),
    courierPhone: text(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("shipment_checkpoints_plan_seq").on(t.shipmentId, t.seq).where(sql`${t.seq} is not null`),
    index().on(t.shipmentId, t.eventAt),
    index("shipment_checkpoints_due").on(t.dueAt).where(sql`${t.recordedAt} is null and not ${t.skipped} and not ${t.held}`),
  ],
);

/** Append-only history of every shipment status change, written in the same transaction. */
export const shipmentStatusLog = pgTable(
  "shipment_status_log",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    shipmentId: uuid()
      .notNull()
      .references(() => shipments.id, { onDelete: "cascade" }),
    fromStatus: text(),
    toStatus: text().notNull(),
    actor: statusActor().notNull(),
    actorId: uuid(),
    ...auditReasonColumns(),
    /** Free text a person typed (an admin's note); on rows older than reason codes, the English reason the system wrote. */
    reason: text(),
    requestId: text(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.shipmentId, t.createdAt)],
);
