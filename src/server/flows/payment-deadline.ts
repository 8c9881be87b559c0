import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { paymentSettings } from "@/server/domain/payment";
import { realDeadline, simulationSettings } from "@/server/domain/simulation";

/**
 * The payment deadline of an order placed now: the database's clock plus the payment TTL
 * (simulated minutes, shrunk by the simulation time scale). Every payment of the order expires
 * at this instant.
 */
export async function paymentDeadlineFromNow(db: DbOrTx): Promise<Date> {
  const [[clock], settings, simulation] = await Promise.all([
    db.execute(sql`select now() as now`) as unknown as Promise<[{ now: Date | string }]>,
    paymentSettings.get(db),
    simulationSettings.get(db),
  ]);
  return realDeadline(new Date(clock.now), settings.ttlMinutes * 60_000, simulation.timeScale);
}
