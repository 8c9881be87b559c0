import type { Database } from "@/server/db/client";
import { seedDemoData } from "@/server/db/seed";
import { seedLogistics } from "@/server/db/seed/logistics-seed";

/**
 * Admin → Simulation: (re)initialise the demo carriers and couriers, or all demo data (catalog,
 * demo accounts, carriers, couriers). The seed code is idempotent: rows that exist are kept,
 * missing ones are put back, so pressing the button twice changes nothing the second time.
 */
export async function initialiseDemoData(db: Database, { scope }: { scope: "logistics" | "all" }): Promise<{ scope: "logistics" | "all" }> {
  if (scope === "logistics") await seedLogistics(db);
  else await seedDemoData(db);
  return { scope };
}
