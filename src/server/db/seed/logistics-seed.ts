import { eq, sql } from "drizzle-orm";
import type { Database } from "@/server/db/client";
import { carriers, couriers } from "@/server/db/schema";
import { createCarrier, updateCarrier } from "@/server/domain/logistics/carrier.service";
import { hashSeed } from "@/server/domain/simulation/random";
import { CARRIERS, COURIER_AREAS, COURIER_GIVEN_NAMES, COURIER_SURNAMES } from "./logistics-data";

/**
 * Seeds the demo carriers (with service levels and fee rules) and a fleet of couriers: for every
 * carrier, one courier per busy district plus one for the whole city in each service area.
 * Idempotent: carriers are keyed on code, couriers on (carrier, phone); names and phone numbers
 * are derived from a hash, so every install gets the same fleet.
 */
export async function seedLogistics(db: Database): Promise<void> {
  for (const carrier of CARRIERS) {
    const [existing] = await db.select({ id: carriers.id }).from(carriers).where(eq(carriers.code, carrier.code));
    if (!existing) await createCarrier(db, carrier);
  }
  const fleet = await demoFleet(db);
  if (fleet.length) await db.insert(couriers).values(fleet).onConflictDoNothing();
}

/**
 * Puts the demo carriers and couriers back exactly as seeded: every demo carrier's fields,
 * service levels and fee rules are rewritten (through the same update admins use) and it is
 * enabled again; every demo courier gets its seeded name and area back and goes on duty. A
 * courier's current load is kept (it counts parcels still on their way), and carriers and
 * couriers an admin added are left alone. Running it twice changes nothing the second time.
 */
export async function resetLogistics(db: Database): Promise<void> {
  for (const carrier of CARRIERS) {
    const [existing] = await db.select({ id: carriers.id }).from(carriers).where(eq(carriers.code, carrier.code));
    if (existing) await updateCarrier(db, { ...carrier, id: existing.id, enabled: true });
    else await createCarrier(db, carrier);
  }
  const fleet = await demoFleet(db);
  if (fleet.length) {
    await db
      .insert(couriers)
      .values(fleet)
      .onConflictDoUpdate({
        target: [couriers.carrierId, couriers.phone],
        set: { name: sql`excluded.name`, province: sql`excluded.province`, city: sql`excluded.city`, district: sql`excluded.district`, status: sql`excluded.status` },
      });
  }
}

/** The seeded fleet for the demo carriers: names and phone numbers derived from a hash, so every install gets the same couriers. */
async function demoFleet(db: Database): Promise<(typeof couriers.$inferInsert)[]> {
  const rows = await db.select({ id: carriers.id, code: carriers.code }).from(carriers);
  const fleet: (typeof couriers.$inferInsert)[] = [];
  for (const carrier of rows.filter((r) => CARRIERS.some((c) => c.code === r.code))) {
    for (const area of COURIER_AREAS) {
      for (const district of [...area.districts, null]) {
        const h = hashSeed("courier", carrier.code, area.city, district ?? "*");
        const name = COURIER_SURNAMES[h % COURIER_SURNAMES.length]! + COURIER_GIVEN_NAMES[(h >>> 8) % COURIER_GIVEN_NAMES.length]!;
        const phone = `1${[3, 5, 7, 8, 9][(h >>> 16) % 5]}${String(h % 1_000_000_000).padStart(9, "0")}`;
        fleet.push({ carrierId: carrier.id, name, phone, province: area.province, city: area.city, district, status: "active" });
      }
    }
  }
  return fleet;
}
