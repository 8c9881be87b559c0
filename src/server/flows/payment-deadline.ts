import type { DbOrTx } from "@/server/db/client";
import { paymentSettings } from "@/server/domain/payment";
import { realDurationMs, simulationSettings } from "@/server/domain/simulation";

/**
 * The least real time a payment window lasts, whatever the time scale. At the largest scale a
 * 30-minute window would last 18 ms: shorter than the shop's own work between checkout and the
 * charge (a few statements, the gateway's answer), so a shopper paying at once — a simulation's
 * `paid` order — would find it closed. Never longer than the window's unscaled length.
 */
export const MIN_REAL_PAYMENT_WINDOW_MS = 10_000;

/** Real milliseconds a payment window of `ttlMinutes` simulated minutes lasts under `timeScale`. */
export function realPaymentWindowMs(ttlMinutes: number, timeScale: number): number {
  const simulatedMs = ttlMinutes * 60_000;
  return Math.max(realDurationMs(simulatedMs, timeScale), Math.min(MIN_REAL_PAYMENT_WINDOW_MS, simulatedMs));
}

/**
 * The real milliseconds the shopper of an order placed now has to pay: the payment TTL
 * (simulated minutes, shrunk by the simulation time scale, never below
 * MIN_REAL_PAYMENT_WINDOW_MS). The order's insert adds it to the DATABASE's clock (insertOrder);
 * every payment of the order expires at that instant.
 */
export async function paymentWindowMs(db: DbOrTx): Promise<number> {
  const [settings, simulation] = await Promise.all([paymentSettings.get(db), simulationSettings.get(db)]);
  return realPaymentWindowMs(settings.ttlMinutes, simulation.timeScale);
}
