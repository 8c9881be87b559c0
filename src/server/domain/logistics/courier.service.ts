import { and, asc, eq, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Database, DbOrTx, Tx } from "@/server/db/client";
import { carriers, couriers } from "@/server/db/schema";
import { prepared } from "@/server/db/prepared";
import { DomainError } from "@/server/errors";
import { hashSeed } from "@/server/domain/simulation";
import { isKnownArea } from "./geography/divisions";
import { distanceKm, locate } from "./geography/geography";
import { ZCourierInput, ZCourierListInput, ZUpdateCourierInput, type CourierInput } from "./logistics.schemas";
import type { LogisticsSettings } from "./logistics.settings";
import type { z } from "zod";

export type CourierRow = typeof couriers.$inferSelect;

/** 13812345678 → 138****5678: what shoppers and the public see of a courier's phone. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 7) return "****";
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

function assertArea(data: { province: string; city: string; district: string | null }) {
  if (!isKnownArea({ province: data.province, city: data.city, district: data.district })) {
    throw new DomainError("VALIDATION_FAILED", "Unknown service area", { city: ["Choose a province, city and district from the list"] }, { fieldIssues: { city: [{ code: "choose_from_list" }] } });
  }
}

async function assertCarrier(db: DbOrTx, carrierId: string) {
  const [carrier] = await db.select({ id: carriers.id }).from(carriers).where(eq(carriers.id, carrierId));
  if (!carrier) throw new DomainError("CARRIER_NOT_FOUND", "Carrier not found", { carrierId: ["Choose a carrier"] });
}

/** Adds a courier to a carrier's fleet. */
export async function createCourier(db: Database, input: CourierInput): Promise<CourierRow> {
  const data = ZCourierInput.parse(input);
  assertArea(data);
  await assertCarrier(db, data.carrierId);
  const [row] = await db.insert(couriers).values(data).returning();
  return row!;
}

/**
 * Edits a courier. Going off duty keeps the parcels already assigned (they are finished);
 * the courier simply gets no new ones. The row lock orders this against a concurrent assignment.
 */
export async function updateCourier(db: Database, input: z.input<typeof ZUpdateCourierInput>): Promise<CourierRow> {
  const data = ZUpdateCourierInput.parse(input);
  assertArea(data);
  await assertCarrier(db, data.carrierId);
  return db.transaction(async (tx) => {
    const [current] = await tx.select({ id: couriers.id }).from(couriers).where(eq(couriers.id, data.id)).for("update");
    if (!current) throw new DomainError("COURIER_NOT_FOUND", "Courier not found");
    const { id, ...fields } = data;
    const [row] = await tx.update(couriers).set(fields).where(eq(couriers.id, id)).returning();
    return row!;
  });
}

/** Puts a courier on or off duty. */
export async function setCourierStatus(db: Database, { id, status }: { id: string; status: "active" | "off_duty" }): Promise<CourierRow> {
  const [row] = await db.update(couriers).set({ status }).where(eq(couriers.id, id)).returning();
  if (!row) throw new DomainError("COURIER_NOT_FOUND", "Courier not found");
  return row;
}

export async function getCourier(db: DbOrTx, id: string): Promise<CourierRow> {
  const [row] = await db.select().from(couriers).where(eq(couriers.id, id));
  if (!row) throw new DomainError("COURIER_NOT_FOUND", "Courier not found");
  return row;
}

/** Couriers for the admin list, filtered and paginated on the server. */
export async function listCouriers(db: DbOrTx, raw: z.input<typeof ZCourierListInput>) {
  const input = ZCourierListInput.parse(raw);
  const filters: SQL[] = [];
  if (input.carrierId) filters.push(eq(couriers.carrierId, input.carrierId));
  if (input.city) filters.push(eq(couriers.city, input.city));
  if (input.status) filters.push(eq(couriers.status, input.status));
  if (input.q) {
    const pattern = `%${input.q.replace(/[\\%_]/g, "\\$&")}%`;
    filters.push(or(ilike(couriers.name, pattern), ilike(couriers.phone, pattern), ilike(couriers.district, pattern))!);
  }
  const where = filters.length ? and(...filters) : undefined;
  const [rows, [count]] = await Promise.all([
    db
      .select({ courier: couriers, carrierCode: carriers.code, carrierNameEn: carriers.nameEn, carrierNameZh: carriers.nameZh })
      .from(couriers)
      .innerJoin(carriers, eq(carriers.id, couriers.carrierId))
      .where(where)
      .orderBy(asc(carriers.code), asc(couriers.province), asc(couriers.city), asc(couriers.name))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(couriers).where(where),
  ]);
  return {
    items: rows.map((r) => ({ ...r.courier, carrierCode: r.carrierCode, carrierNameEn: r.carrierNameEn, carrierNameZh: r.carrierNameZh })),
    total: count?.n ?? 0,
    page: input.page,
    pageSize: input.pageSize,
  };
}

type Destination = { province: string; city: string; district: string };

/**
 * Picks and books a courier for a parcel, inside the caller's transaction. Candidates are the
 * carrier's ACTIVE couriers serving the destination city (whole city or the exact district);
 * `nearest` also looks at the rest of the province. Assignments for one carrier and city are
 * serialised with a transaction-scoped advisory lock, so concurrent parcels see each other's
 * bookings and spread over the couriers; the booking itself is a conditional update
 * (`WHERE status = 'active'`), so a courier who just went off duty is never booked.
 * Returns null when nobody is available: the parcel stays unassigned, which is not an error.
 */
export async function assignCourier(
  tx: Tx,
  { carrierId, destination, strategy }: { carrierId: string; destination: Destination; strategy: LogisticsSettings["assignmentStrategy"] },
): Promise<CourierRow | null> {
  // The candidates' read and the booking are built once per strategy's area (prepared.ts).
  const area = strategy === "nearest" ? "province" : "city";
  const inArea = (d: DbOrTx) =>
    d
      .select()
      .from(couriers)
      .where(
        and(
          eq(couriers.carrierId, sql.placeholder("carrierId")),
          eq(couriers.status, "active"),
          area === "province"
            ? eq(couriers.province, sql.placeholder("province"))
            : and(
                eq(couriers.province, sql.placeholder("province")),
                eq(couriers.city, sql.placeholder("city")),
                or(isNull(couriers.district), eq(couriers.district, sql.placeholder("district"))),
              ),
        ),
      )
      // Round robin's order, in PostgreSQL's microseconds: read into JavaScript the times keep
      // only milliseconds, and two bookings in the same millisecond would look simultaneous.
      .orderBy(sql`${couriers.lastAssignedAt} asc nulls first`, couriers.id)
      .prepare("couriers_in_area");
  // Lock and read in one round trip: PostgreSQL runs the read once the lock is granted. The lock
  // must leave first: a prepared statement is sent when it is executed, a composed one only once
  // its promise is taken, so the lock's is taken before the read is executed.
  const lock = tx.execute(sql`select pg_advisory_xact_lock(${hashSeed("courier-assignment", carrierId, destination.province, destination.city) | 0})`).then(() => undefined);
  const [, candidates] = await Promise.all([
    lock,
    prepared(tx, `couriers-in-area:${area}`, inArea).execute({ carrierId, province: destination.province, city: destination.city, district: destination.district }),
  ]);
  if (candidates.length === 0) return null;

  const target = locate(destination);
  const rank = (c: CourierRow): number[] => {
    const districtMatch = c.district === destination.district ? 0 : 1;
    if (strategy === "nearest") return [c.city === destination.city ? 0 : distanceKm(locate(c), target) + 1, districtMatch, c.currentLoad];
    return [c.currentLoad, districtMatch];
  };
  // Round robin: the least recently booked first, as the read returns them.
  const ordered =
    strategy === "round_robin"
      ? candidates.map((c) => ({ c }))
      : candidates
          .map((c) => ({ c, key: rank(c) }))
          .sort((a, b) => {
            for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! - b.key[i]!;
            return a.c.id < b.c.id ? -1 : 1;
          });
  const book = prepared(tx, "book-courier", (d) =>
    d
      .update(couriers)
      .set({ currentLoad: sql`${couriers.currentLoad} + 1`, lastAssignedAt: sql`clock_timestamp()`, updatedAt: sql.placeholder("updatedAt") as never })
      .where(and(eq(couriers.id, sql.placeholder("courierId")), eq(couriers.status, "active")))
      .returning()
      .prepare("book_courier"),
  );
  for (const { c } of ordered) {
    const [booked] = await book.execute({ courierId: c.id, updatedAt: new Date() });
    if (booked) return booked;
  }
  return null;
}

/** Gives a courier's slot back when their parcel is finished (never below zero). */
export async function releaseCourier(tx: Tx, courierId: string | null): Promise<void> {
  if (!courierId) return;
  await prepared(tx, "release-courier", (d) =>
    d
      .update(couriers)
      .set({ currentLoad: sql`greatest(${couriers.currentLoad} - 1, 0)`, updatedAt: sql.placeholder("updatedAt") as never })
      .where(eq(couriers.id, sql.placeholder("courierId")))
      .prepare("release_courier"),
  ).execute({ courierId, updatedAt: new Date() });
}
