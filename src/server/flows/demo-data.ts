import type { Database } from "@/server/db/client";
import { seedDemoData, withSeedLock } from "@/server/db/seed";
import { resetLogistics, seedLogistics } from "@/server/db/seed/logistics-seed";

export const DEMO_DATA_SCOPES = ["logistics", "all", "reset-logistics"] as const;
export type DemoDataScope = (typeof DEMO_DATA_SCOPES)[number];

/**
 * Admin → Simulation demo data:
 * - `logistics` / `all`: (re)initialise the demo carriers and couriers, or all demo data (catalog,
 *   demo accounts, carriers, couriers). Rows that exist are kept and missing ones put back, so
 *   pressing the button twice changes nothing the second time.
 * - `reset-logistics`: put the demo carriers and couriers back exactly as seeded (undoing admin
 *   edits to them), keeping anything an admin added.
 */
export async function initialiseDemoData(db: Database, { scope }: { scope: DemoDataScope }): Promise<{ scope: DemoDataScope }> {
  // Under the seed lock like every seed, so a double click or a start seeding at the same time never doubles a row.
  if (scope === "logistics") await withSeedLock(db, () => seedLogistics(db));
  else if (scope === "reset-logistics") await withSeedLock(db, () => resetLogistics(db));
  else await seedDemoData(db);
  return { scope };
}
