import { seededRandom } from "@/server/domain/simulation";
import { distanceKm, hubPlace, lineHaulHubs, locate, shortCityName, type Area, type Place } from "../geography/geography";
import type { ShipmentStatus } from "../shipment.machine";
import { HOUR_MS, atChinaHour, nextWorkingInstant, type WorkingHours } from "./china-time";

/**
 * Plans a parcel's whole journey the moment it is picked up: warehouse → origin sorting
 * centre → line-haul hubs chosen by geography → destination sorting centre → delivery
 * station → recipient. Pure and deterministic: the same seed and logistics_sn give the same
 * plan, to the millisecond. Times are simulated instants: the pickup scan is the moment of
 * pickup itself (never later: it is recorded as it is planned), China working hours apply
 * to delivery rounds, and a fault-free journey keeps the service's promise. The service maps
 * the instants to real due times with the time scale.
 */
export const CHECKPOINT_KINDS = [
  "picked_up",
  "arrived_sorting",
  "departed_sorting",
  "arrived_station",
  "out_for_delivery",
  "delivery_failed",
  "delivered",
  "exception_address",
  "exception_lost",
  "returned",
] as const;
export type CheckpointKind = (typeof CHECKPOINT_KINDS)[number];
/** Planned kinds plus the events an admin records. */
export type EventKind = CheckpointKind | "exception_raised" | "exception_resolved" | "lost_confirmed";

/** The shipment status a checkpoint moves the parcel to when it is recorded. */
export const STATUS_AFTER: Record<CheckpointKind, ShipmentStatus> = {
  picked_up: "picked_up",
  arrived_sorting: "in_transit",
  departed_sorting: "in_transit",
  arrived_station: "in_transit",
  out_for_delivery: "out_for_delivery",
  delivery_failed: "delivery_attempt_failed",
  delivered: "delivered",
  exception_address: "exception",
  exception_lost: "exception",
  returned: "returned_to_sender",
};

export type Facility = { zh: string; en: string };

export type PlannedCheckpoint = {
  seq: number;
  kind: CheckpointKind;
  status: ShipmentStatus;
  at: Date;
  province: string;
  city: string;
  cityEn: string;
  facility: Facility;
  next?: Facility;
};

export type FaultRates = {
  failedAttemptRate: number;
  addressProblemRate: number;
  lostParcelRate: number;
  outageRate: number;
  /** Delivery attempts before the parcel goes back to the sender. */
  maxDeliveryAttempts: number;
};

export type PlanInput = {
  seed: number;
  logisticsSn: string;
  origin: Area & { facility: Facility };
  destination: Area & { district: string };
  pickupAt: Date;
  speed: "standard" | "express";
  workingHours: WorkingHours;
  faults: FaultRates;
  /** Door-to-door days the shopper bought for this zone (see `promisedDaysFor`); none: no promise. */
  promisedDays?: number;
};

export type Plan = {
  checkpoints: PlannedCheckpoint[];
  route: { city: string; cityEn: string; lat: number; lng: number }[];
  distanceKm: number;
  /** The end of the promised delivery day (working hours), when a promise was given. */
  promisedBy: Date | null;
};

/**
 * The instant a promise of `days` runs out: the end of working hours, China time, on the
 * `days`-th calendar day after the pickup day (next-day: tomorrow evening, whatever the hour).
 */
export function promisedBy(pickupAt: Date, days: number, hours: WorkingHours): Date {
  return atChinaHour(new Date(pickupAt.getTime() + days * 24 * HOUR_MS), hours.end);
}

/** Hours a delivery round needs at the station: the wait before going out plus the last mile, with room to spare. */
const DELIVERY_ROUND_HOURS = 1.2 + 2.5;

export function sortingCentre(place: Place): Facility {
  return { zh: `${place.short}转运中心`, en: `${place.nameEn} sorting centre` };
}

export function deliveryStation(place: Place, district: string): Facility {
  return { zh: `${place.short}${district}营业部`, en: `${place.nameEn} ${district} delivery station` };
}

/** Line-haul duration for one leg: trucks at ~65 km/h; express goes by air above 800 km. */
function legHours(km: number, speed: PlanInput["speed"], rnd: () => number): number {
  if (speed === "express" && km > 800) return 2.5 + km / 700 + 1.5 + rnd();
  return Math.max(0.75, km / 65) * (1 + rnd() * 0.15) + 0.5;
}

const between = (rnd: () => number, lo: number, hi: number) => lo + (hi - lo) * rnd();

export function planTrajectory(input: PlanInput): Plan {
  const rnd = seededRandom(input.seed, "trajectory", input.logisticsSn);
  const { workingHours: wh, faults } = input;
  const origin = locate(input.origin);
  const dest = locate(input.destination);
  const checkpoints: PlannedCheckpoint[] = [];
  const deadline = input.promisedDays ? promisedBy(input.pickupAt, input.promisedDays, wh) : null;
  let t = input.pickupAt;
  const add = (kind: CheckpointKind, place: Place, facility: Facility, next?: Facility) => {
    checkpoints.push({
      seq: checkpoints.length,
      kind,
      status: STATUS_AFTER[kind],
      at: new Date(Math.floor(t.getTime() / 1000) * 1000),
      province: place.province,
      city: place.city,
      cityEn: place.nameEn,
      facility,
      next,
    });
  };
  const advance = (hours: number) => {
    t = new Date(t.getTime() + hours * HOUR_MS);
  };

  add("picked_up", origin, input.origin.facility);

  // The chain of sorting centres: origin city, hubs, destination city.
  const stops: Place[] = [origin, ...lineHaulHubs(input.origin, input.destination).map(hubPlace)];
  if (dest.city !== origin.city || dest.province !== origin.province) stops.push(dest);
  const route = stops.map((p) => ({ city: p.city, cityEn: p.nameEn, lat: p.lat, lng: p.lng }));
  let total = 0;

  // Lost parcels vanish on one line-haul leg (or at the only sorting centre for short trips).
  const lostAtLeg = rnd() < faults.lostParcelRate ? Math.floor(rnd() * Math.max(1, stops.length - 1)) : -1;
  const outageAtLeg = rnd() < faults.outageRate ? Math.floor(rnd() * Math.max(1, stops.length)) : -1;

  advance(between(rnd, 1, 3));
  for (let i = 0; i < stops.length; i++) {
    const here = stops[i]!;
    add("arrived_sorting", here, sortingCentre(here));
    if (i === lostAtLeg) {
      advance(between(rnd, 2, 8));
      add("exception_lost", here, sortingCentre(here));
      return { checkpoints, route, distanceKm: total, promisedBy: deadline };
    }
    advance(between(rnd, 1, 4));
    const next = stops[i + 1];
    const nextFacility = next ? sortingCentre(next) : deliveryStation(dest, input.destination.district);
    add("departed_sorting", here, sortingCentre(here), nextFacility);
    const km = next ? distanceKm(here, next) : 15;
    total += km;
    advance(next ? legHours(km, input.speed, rnd) : between(rnd, 0.75, 2));
    if (rnd() < 0.15) advance(between(rnd, 1, 5));
    // A carrier outage: no scan for most of a day or more (admins see the parcel as stale).
    if (i === outageAtLeg) advance(between(rnd, 20, 36));
  }
  // A journey without an outage keeps the promise: when the line-haul would reach the station
  // too late for a delivery round on the last promised day, the transit scans are brought
  // forward (the carrier put the parcel on an earlier truck or flight). Late parcels come from
  // faults only, which is what the on-time rate measures.
  const latestArrival = deadline ? deadline.getTime() - DELIVERY_ROUND_HOURS * HOUR_MS : Infinity;
  if (outageAtLeg < 0 && t.getTime() > latestArrival && latestArrival > input.pickupAt.getTime() + HOUR_MS) {
    const start = input.pickupAt.getTime();
    const factor = (latestArrival - start) / (t.getTime() - start);
    for (const cp of checkpoints.slice(1)) cp.at = new Date(Math.floor((start + (cp.at.getTime() - start) * factor) / 1000) * 1000);
    t = new Date(latestArrival);
  }
  add("arrived_station", dest, deliveryStation(dest, input.destination.district));

  if (rnd() < faults.addressProblemRate) {
    advance(between(rnd, 0.5, 2));
    t = nextWorkingInstant(t, wh, 1, between(rnd, 0.2, 1));
    add("exception_address", dest, deliveryStation(dest, input.destination.district));
    // What follows happens once an admin has resolved the problem; times shift then.
    advance(24);
  }

  const station = deliveryStation(dest, input.destination.district);
  for (let attempt = 1; attempt <= Math.max(1, faults.maxDeliveryAttempts); attempt++) {
    advance(between(rnd, 0.3, 1.2));
    t = nextWorkingInstant(t, wh, 2.5, between(rnd, 0.3, 1.5));
    add("out_for_delivery", dest, station);
    advance(between(rnd, 0.5, 2.2));
    const lastAttempt = attempt >= faults.maxDeliveryAttempts;
    if (rnd() < faults.failedAttemptRate) {
      add("delivery_failed", dest, station);
      if (lastAttempt) {
        advance(between(rnd, 12, 24));
        t = nextWorkingInstant(t, wh, 1, between(rnd, 0.5, 2));
        add("returned", dest, station);
        return { checkpoints, route, distanceKm: total, promisedBy: deadline };
      }
      advance(between(rnd, 14, 18));
      continue;
    }
    add("delivered", dest, station);
    break;
  }
  return { checkpoints, route, distanceKm: total, promisedBy: deadline };
}

export { shortCityName };

/**
 * The next delivery round after a failed attempt an admin recorded: out for delivery on the
 * next working day and delivered, or — when attempts are used up — returned to the sender.
 * Deterministic per seed, logistics_sn and attempt number.
 */
export function planRedelivery(input: {
  seed: number;
  logisticsSn: string;
  attempt: number;
  from: Date;
  destination: Area & { district: string };
  workingHours: WorkingHours;
  giveUp: boolean;
}): Omit<PlannedCheckpoint, "seq">[] {
  const rnd = seededRandom(input.seed, "redelivery", input.logisticsSn, input.attempt);
  const dest = locate(input.destination);
  const station = deliveryStation(dest, input.destination.district);
  const at = (t: Date) => new Date(Math.floor(t.getTime() / 1000) * 1000);
  const base = { province: dest.province, city: dest.city, cityEn: dest.nameEn, facility: station };
  let t = new Date(input.from.getTime() + between(rnd, 14, 18) * HOUR_MS);
  if (input.giveUp) {
    t = nextWorkingInstant(t, input.workingHours, 1, between(rnd, 0.5, 2));
    return [{ ...base, kind: "returned", status: STATUS_AFTER.returned, at: at(t) }];
  }
  t = nextWorkingInstant(t, input.workingHours, 2.5, between(rnd, 0.3, 1.5));
  const out = at(t);
  t = new Date(t.getTime() + between(rnd, 0.5, 2.2) * HOUR_MS);
  return [
    { ...base, kind: "out_for_delivery", status: STATUS_AFTER.out_for_delivery, at: out },
    { ...base, kind: "delivered", status: STATUS_AFTER.delivered, at: at(t) },
  ];
}
