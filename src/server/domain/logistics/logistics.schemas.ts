import { z } from "zod";
import { zDate, zKeysetPageOf, zListCursor, zPageOf, zText } from "@/server/validation/fields";
import { ZAddressSnapshot, ZOrderStatus, ZOrderStatusLogEntry } from "@/server/domain/order";
import { ZONES } from "./geography/geography";
import { SHIPMENT_STATUSES } from "./shipment.machine";
import { CHECK_ALGORITHMS } from "./tracking-number";
import { issue } from "@/lib/validation/field-issue";
import { PATTERNS } from "@/lib/validation/patterns";

const name = (label: string, max = 60) => zText(max).min(1, `Enter the ${label}`);
const fen = (label: string) => z.number({ message: `Enter the ${label}` }).int(`${label} must be whole fen`).min(0, `${label} cannot be negative`).max(10_000_000);

export const ZZone = z.enum(ZONES);
export const ZShipmentStatus = z.enum(SHIPMENT_STATUSES);

export const ZFeeRuleInput = z.object({
  zone: ZZone,
  firstFeeMinor: fen("First-weight price"),
  additionalFeeMinor: fen("Additional-weight price"),
});

export const ZServiceLevelInput = z.object({
  code: zText(32)
    .regex(PATTERNS.serviceLevelCode, "Use 2–32 lower-case letters, digits or _"),
  nameEn: name("English name"),
  nameZh: name("Chinese name"),
  promisedDays: z.number().int().min(1, "At least 1 day").max(30, "At most 30 days"),
  speed: z.enum(["standard", "express"]).default("standard"),
  firstWeightGrams: z.number().int().min(100, "At least 100 g").max(30_000, "At most 30 kg"),
  stepGrams: z.number().int().min(100, "At least 100 g").max(10_000, "At most 10 kg"),
  volumetricDivisor: z.number().int().min(1000, "At least 1000").max(20_000, "At most 20000"),
  freeShippingThresholdMinor: fen("Free-shipping threshold").nullable().default(null),
  enabled: z.boolean().default(true),
  rules: z
    .array(ZFeeRuleInput)
    .length(ZONES.length, "Give a price for every zone")
    .refine((rules) => new Set(rules.map((r) => r.zone)).size === ZONES.length, issue("each_zone_once", "Give each zone exactly once")),
});
export type ServiceLevelInput = z.input<typeof ZServiceLevelInput>;

export const ZCarrierInput = z.object({
  code: zText(16)
    .regex(PATTERNS.carrierCode, "Use 2–16 upper-case letters or digits"),
  nameEn: name("English name"),
  nameZh: name("Chinese name"),
  logoColor: zText(7)
    .regex(PATTERNS.colour, "Use a colour like #2563eb")
    .default("#2563eb"),
  trackingPrefix: zText(4)
    .regex(PATTERNS.trackingPrefix, "Up to 4 upper-case letters"),
  trackingBodyLength: z.number().int().min(6, "At least 6 digits").max(16, "At most 16 digits"),
  trackingCheck: z.enum(CHECK_ALGORITHMS),
  trackingSuffix: zText(3)
    .regex(PATTERNS.trackingSuffix, "Up to 3 upper-case letters")
    .default(""),
  enabled: z.boolean().default(true),
  serviceLevels: z.array(ZServiceLevelInput).min(1, "Add at least one service level").max(6),
});
export type CarrierInput = z.input<typeof ZCarrierInput>;

export const ZUpdateCarrierInput = ZCarrierInput.extend({ id: z.uuid() });
export const ZIdInput = z.object({ id: z.uuid({ message: "Not found" }) });

export const ZArea = z.object({ province: name("province", 40), city: name("city", 40), district: zText(40).optional() });

export const ZCalculatorInput = z.object({
  carrierCode: zText(32).min(1),
  serviceLevel: zText(32).min(1),
  origin: ZArea,
  destination: ZArea,
  weightGrams: z.number({ message: "Enter the weight" }).int().min(1, "At least 1 g").max(100_000, "At most 100 kg"),
  lengthMm: z.number().int().min(1, "At least 1 mm").max(3000, "At most 3 m"),
  widthMm: z.number().int().min(1, "At least 1 mm").max(3000, "At most 3 m"),
  heightMm: z.number().int().min(1, "At least 1 mm").max(3000, "At most 3 m"),
  itemsTotalMinor: fen("Items total").default(0),
});
export type CalculatorInput = z.input<typeof ZCalculatorInput>;

export const ZQuoteOptionsInput = z.object({
  /** A saved address of the shopper's, or a destination typed at checkout. */
  addressId: z.uuid({ message: "Choose a delivery address" }).optional(),
  destination: z.object({ province: zText(40).min(1), city: zText(40).min(1), district: zText(40).default("") }).optional(),
  items: z
    .array(z.object({ productId: z.uuid(), quantity: z.number().int().min(1).max(99) }))
    .max(50)
    .optional(),
});

export const ZCourierInput = z.object({
  carrierId: z.uuid({ message: "Choose a carrier" }),
  name: name("name", 40),
  phone: zText(11)
    .regex(PATTERNS.mobile, "Enter an 11-digit mobile number"),
  province: name("province", 40),
  city: name("city", 40),
  district: zText(40)
    .transform((v) => v || null)
    .nullable()
    .default(null),
  status: z.enum(["active", "off_duty"]).default("active"),
});
export type CourierInput = z.input<typeof ZCourierInput>;
export const ZUpdateCourierInput = ZCourierInput.extend({ id: z.uuid() });

export const ZCourierListInput = z.object({
  carrierId: z.uuid().optional(),
  city: zText(40).optional(),
  status: z.enum(["active", "off_duty"]).optional(),
  q: zText(40).optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});

/** How the admin shipment list can be ordered: by when the shipment was made or by its fee, either way. */
export const SHIPMENT_LIST_SORTS = ["created_desc", "created_asc", "fee_desc", "fee_asc"] as const;
export type ShipmentListSort = (typeof SHIPMENT_LIST_SORTS)[number];

export const ZShipmentListInput = z.object({
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
  cursor: zListCursor().optional(),
  status: ZShipmentStatus.optional(),
  carrierCode: zText(32).optional(),
  courierId: z.uuid().optional(),
  trackingNo: zText(40).optional(),
  orderNo: zText(40).optional(),
  logisticsSn: zText(40).optional(),
  queue: z.enum(["unassigned", "exception", "stale"]).optional(),
  from: zDate().optional(),
  to: zDate().optional(),
  sort: z.enum(SHIPMENT_LIST_SORTS).default("created_desc"),
});
export type ShipmentListInput = z.input<typeof ZShipmentListInput>;

export const ZTrackInput = z.object({
  trackingNo: zText(40, { message: "That is not a tracking number" }).min(6, "Enter a tracking number"),
});

export const ZStatsInput = z
  .object({ from: zDate(), to: zDate() })
  .refine((r) => r.from < r.to, { ...issue("start_after_end", "The start must be before the end"), path: ["to"] })
  .refine((r) => r.to.getTime() - r.from.getTime() <= 366 * 86_400_000, { ...issue("range_too_long", "At most one year", { days: 366 }), path: ["to"] });

export const ZRaiseExceptionInput = z.object({
  id: z.uuid(),
  kind: z.enum(["address", "lost", "damaged", "other"]),
  note: zText(200).min(1, "Say what happened"),
});
export const ZResolveExceptionInput = z.object({
  id: z.uuid(),
  resolution: z.enum(["resume", "return_to_sender", "lost"]),
  note: zText(200).optional(),
});
export const ZMarkDeliveredInput = z.object({ id: z.uuid(), signer: zText(40).min(1, "Enter who signed") });

const ZEventKind = z.string();

/** What a shopper or the public may see of a parcel (the service masks per audience). */
export const ZTrackingView = z.object({
  shipmentId: z.uuid(),
  orderId: z.uuid(),
  trackingNo: z.string(),
  logisticsSn: z.string(),
  status: ZShipmentStatus,
  carrier: z.object({ code: z.string(), nameEn: z.string(), nameZh: z.string(), logoColor: z.string() }),
  serviceLevel: z.string(),
  origin: z.object({ province: z.string(), city: z.string(), provinceEn: z.string() }),
  destination: ZAddressSnapshot.extend({ provinceEn: z.string() }),
  courier: z.object({ name: z.string(), phone: z.string() }).nullable(),
  pickedUpAt: z.date().nullable(),
  estimatedDeliveryAt: z.date().nullable(),
  deliveredAt: z.date().nullable(),
  signer: z.string().nullable(),
  failedAttempts: z.number().int(),
  route: z.array(z.object({ city: z.string(), cityEn: z.string(), lat: z.number(), lng: z.number(), reached: z.boolean() })),
  events: z.array(
    z.object({
      id: z.number().int(),
      kind: ZEventKind,
      status: ZShipmentStatus,
      at: z.date(),
      city: z.string(),
      cityEn: z.string(),
      textZh: z.string(),
      textEn: z.string(),
    }),
  ),
});
export type TrackingViewOutput = z.infer<typeof ZTrackingView>;

/** Public view: the shipment and order ids stay internal. */
export const ZPublicTrackingView = ZTrackingView.omit({ shipmentId: true, orderId: true });

export const ZShippingOption = z.object({
  carrierCode: z.string(),
  carrierNameEn: z.string(),
  carrierNameZh: z.string(),
  logoColor: z.string(),
  serviceLevel: z.string(),
  serviceNameEn: z.string(),
  serviceNameZh: z.string(),
  promisedDays: z.number().int(),
  feeMinor: z.number().int(),
  breakdown: z.object({
    zone: ZZone,
    actualWeightGrams: z.number().int(),
    volumetricWeightGrams: z.number().int(),
    weightBasis: z.enum(["actual", "volumetric"]),
    chargeableWeightGrams: z.number().int(),
    firstWeightGrams: z.number().int(),
    firstPartMinor: z.number().int(),
    stepGrams: z.number().int(),
    additionalSteps: z.number().int(),
    additionalFeePerStepMinor: z.number().int(),
    additionalPartMinor: z.number().int(),
    subtotalMinor: z.number().int(),
    freeShippingThresholdMinor: z.number().int().nullable(),
    freeShippingApplied: z.boolean(),
    discountMinor: z.number().int(),
    totalMinor: z.number().int(),
  }),
});

// ---------- admin outputs ----------

export const ZShipmentRef = z.object({ id: z.uuid(), status: z.string(), trackingNo: z.string(), logisticsSn: z.string() });

export const ZAdminShipmentSummary = z.object({
  id: z.uuid(),
  orderId: z.uuid(),
  orderNo: z.string(),
  logisticsSn: z.string(),
  trackingNo: z.string(),
  status: ZShipmentStatus,
  carrierCode: z.string(),
  carrierNameEn: z.string(),
  carrierNameZh: z.string(),
  serviceLevel: z.string(),
  courierId: z.uuid().nullable(),
  courierName: z.string().nullable(),
  destinationCity: z.string(),
  originCity: z.string(),
  feeMinor: z.number().int(),
  currency: z.string(),
  createdAt: z.date(),
  lastScanAt: z.date().nullable(),
  stale: z.boolean(),
});
/** A page of shipments plus the sizes of the work queues (unassigned, exception, stale). */
export const ZAdminShipmentListOutput = zKeysetPageOf(ZAdminShipmentSummary).extend({
  queues: z.object({ unassigned: z.number().int(), exception: z.number().int(), stale: z.number().int() }),
});

/** A shipment as an admin sees it: the tracking view plus costs, weights, plan and status log. */
export const ZAdminShipment = ZTrackingView.extend({
  orderNo: z.string(),
  orderStatus: ZOrderStatus,
  recordedStatus: ZShipmentStatus,
  courierId: z.uuid().nullable(),
  carrierId: z.uuid(),
  zone: ZZone,
  feeMinor: z.number().int(),
  currency: z.string(),
  actualWeightGrams: z.number().int(),
  volumetricWeightGrams: z.number().int(),
  chargeableWeightGrams: z.number().int(),
  distanceKm: z.number().nullable(),
  promisedAt: z.date().nullable(),
  exceptionKind: z.enum(["lost", "address", "damaged", "other"]).nullable(),
  exceptionNote: z.string().nullable(),
  createdAt: z.date(),
  upcoming: z.array(z.object({ id: z.number().int(), kind: ZEventKind, status: ZShipmentStatus, expectedAt: z.date(), skipped: z.boolean(), textZh: z.string(), textEn: z.string() })),
  statusLog: z.array(ZOrderStatusLogEntry),
});

export const ZFeeRule = z.object({ id: z.uuid(), zone: ZZone, firstFeeMinor: z.number().int(), additionalFeeMinor: z.number().int() });
export const ZServiceLevel = z.object({
  id: z.uuid(),
  carrierId: z.uuid(),
  code: z.string(),
  nameEn: z.string(),
  nameZh: z.string(),
  promisedDays: z.number().int(),
  speed: z.enum(["standard", "express"]),
  firstWeightGrams: z.number().int(),
  stepGrams: z.number().int(),
  volumetricDivisor: z.number().int(),
  freeShippingThresholdMinor: z.number().int().nullable(),
  enabled: z.boolean(),
  sortOrder: z.number().int(),
  rules: z.array(ZFeeRule),
});
/** A carrier with its tracking-number format and its service levels with their fee rules. */
export const ZCarrier = z.object({
  id: z.uuid(),
  code: z.string(),
  nameEn: z.string(),
  nameZh: z.string(),
  logoColor: z.string(),
  trackingPrefix: z.string(),
  trackingBodyLength: z.number().int(),
  trackingCheck: z.enum(CHECK_ALGORITHMS),
  trackingSuffix: z.string(),
  enabled: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
  serviceLevels: z.array(ZServiceLevel),
});

export const ZCourier = z.object({
  id: z.uuid(),
  carrierId: z.uuid(),
  name: z.string(),
  phone: z.string(),
  province: z.string(),
  city: z.string(),
  district: z.string().nullable(),
  status: z.enum(["active", "off_duty"]),
  currentLoad: z.number().int(),
  lastAssignedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export const ZCourierListOutput = zPageOf(ZCourier.extend({ carrierCode: z.string(), carrierNameEn: z.string(), carrierNameZh: z.string() }));

/** A paid order waiting to be handed to a carrier (Admin → Shipments → To ship). */
export const ZOrderToShip = z.object({
  orderId: z.uuid(),
  orderNo: z.string(),
  paidAt: z.date().nullable(),
  destinationCity: z.string(),
  destinationProvince: z.string(),
  carrierCode: z.string().nullable(),
  serviceLevel: z.string().nullable(),
  shipmentId: z.uuid().nullable(),
  trackingNo: z.string().nullable(),
  courierId: z.uuid().nullable(),
});

const rate = z.number().nullable();
/** Shipping statistics of a period: totals, per carrier, per status and per day. */
export const ZLogisticsStats = z.object({
  from: z.date(),
  to: z.date(),
  totals: z.object({
    shipments: z.number().int(),
    delivered: z.number().int(),
    feesMinor: z.number().int(),
    onTimeRate: rate,
    failedAttemptRate: rate,
    paidToDeliveredAvgHours: rate,
    paidToDeliveredP90Hours: rate,
  }),
  byCarrier: z.array(
    z.object({
      carrierCode: z.string(),
      nameEn: z.string(),
      nameZh: z.string(),
      shipments: z.number().int(),
      delivered: z.number().int(),
      onTime: z.number().int(),
      onTimeRate: rate,
      feesMinor: z.number().int(),
      withFailedAttempt: z.number().int(),
    }),
  ),
  byStatus: z.array(z.object({ status: z.string(), shipments: z.number().int() })),
  byDay: z.array(z.object({ day: z.string(), shipments: z.number().int(), delivered: z.number().int(), feesMinor: z.number().int() })),
});

/** The fee calculator's answer: the quote with how it was reached. */
export const ZFeeQuote = ZShippingOption.shape.breakdown.extend({ promisedDays: z.number().int(), volumetricDivisor: z.number().int() });
