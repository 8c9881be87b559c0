import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { paymentSettings } from "@/server/domain/payment";
import { realDurationMs, simulationSettings } from "@/server/domain/simulation";

/**
 * The payment deadline of an order placed now, as an SQL expression for the order's insert:
 * the DATABASE's clock plus the payment TTL (simulated minutes, shrunk by the simulation time
 * scale), to the millisecond as a Date carries it, with no statement of its own. Every payment
 * of the order expires at this instant.
 */
export async function paymentDeadlineSql(db: DbOrTx): Promise<SQL> {
  const [settings, simulation] = await Promise.all([paymentSettings.get(db), simulationSettings.get(db)]);
  const ms = realDurationMs(settings.ttlMinutes * 60_000, simulation.timeScale);
  return sql`date_trunc('milliseconds', now() + make_interval(secs => ${ms / 1000}))`;
}
