/** Plain shapes of what the logistics procedures return, for components (which never import the server). */
export const SHIPMENT_STATUS_NAMES = [
  "created",
  "picked_up",
  "in_transit",
  "out_for_delivery",
  "delivery_attempt_failed",
  "delivered",
  "exception",
  "returned_to_sender",
  "lost",
  "cancelled",
] as const;
export type ShipmentStatusName = (typeof SHIPMENT_STATUS_NAMES)[number];

export type TrackingEventData = { id: number; kind: string; status: ShipmentStatusName; at: Date; city: string; cityEn: string; textZh: string; textEn: string };

export type TrackingData = {
  trackingNo: string;
  logisticsSn: string;
  status: ShipmentStatusName;
  carrier: { code: string; nameEn: string; nameZh: string; logoColor: string };
  serviceLevel: string;
  origin: { province: string; city: string };
  destination: { recipient: string; phone: string; province: string; city: string; district: string; detail: string };
  courier: { name: string; phone: string } | null;
  estimatedDeliveryAt: Date | null;
  deliveredAt: Date | null;
  signer: string | null;
  failedAttempts: number;
  route: { city: string; cityEn: string; lat: number; lng: number; reached: boolean }[];
  events: TrackingEventData[];
};

export type ShippingOptionData = {
  carrierCode: string;
  carrierNameEn: string;
  carrierNameZh: string;
  logoColor: string;
  serviceLevel: string;
  serviceNameEn: string;
  serviceNameZh: string;
  promisedDays: number;
  feeMinor: number;
  breakdown: { chargeableWeightGrams: number; weightBasis: "actual" | "volumetric"; freeShippingApplied: boolean; freeShippingThresholdMinor: number | null };
};
