import { z } from "zod";
import { defineSettings } from "@/server/domain/settings";
import { realDurationMs } from "@/server/domain/simulation";

/**
 * Order lifecycle timings, in SIMULATED time: each is shrunk by the simulation time scale
 * (`realDurationMs`) wherever a wait or a deadline is computed.
 */
export const ZLifecycleSettingsFields = z.object({
  /** A paid order ships on its own this long after payment, unless an admin ships it first. */
  autoShipDelayMinutes: z.number().int("Whole minutes").min(0, "At least 0").max(10_080, "At most 7 days").default(30),
  /** A delivered order is confirmed automatically this long after delivery. */
  receiptWindowDays: z.number().min(0.01, "At least 0.01 day").max(60, "At most 60 days").default(7),
  /** Refund requests are refused this long after an order was completed. */
  afterSaleDays: z.number().min(0, "At least 0").max(365, "At most 365 days").default(15),
});
export const ZLifecycleSettings = ZLifecycleSettingsFields;
export type LifecycleSettings = z.infer<typeof ZLifecycleSettings>;

export const lifecycleSettings = defineSettings("lifecycle", ZLifecycleSettings);

const DAY = 86_400_000;

/** Real-time lengths of the lifecycle waits under a time scale. */
export function lifecycleDurations(settings: LifecycleSettings, timeScale: number) {
  return {
    autoShipDelayMs: realDurationMs(settings.autoShipDelayMinutes * 60_000, timeScale),
    receiptWindowMs: realDurationMs(settings.receiptWindowDays * DAY, timeScale),
    afterSaleMs: realDurationMs(settings.afterSaleDays * DAY, timeScale),
  };
}
