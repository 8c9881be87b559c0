import { z } from "zod";
import { defineSettings } from "@/server/domain/settings";
import { issue } from "@/lib/validation/field-issue";

const rate = (label: string) => z.number().min(0, `${label}: at least 0`).max(1, `${label}: at most 1`);

/**
 * Logistics configuration, typed and audited through the settings store. Fault rates are
 * probabilities per shipment, drawn from the simulation seed so every run can be replayed.
 */
export const ZLogisticsSettingsFields = z.object({
    /** How a courier is chosen for a new shipment. */
    assignmentStrategy: z.enum(["least_loaded", "round_robin", "nearest"]).default("least_loaded"),
    failedAttemptRate: rate("Failed attempt rate").default(0.08),
    addressProblemRate: rate("Address problem rate").default(0.02),
    lostParcelRate: rate("Lost parcel rate").default(0.005),
    outageRate: rate("Carrier outage rate").default(0.03),
    maxDeliveryAttempts: z.number().int().min(1).max(5).default(3),
    /** Simulated hours without a scan after which admins see a parcel as stale. */
    staleAfterHours: z.number().min(1).max(240).default(18),
    workingHourStart: z.number().int().min(0).max(23).default(8),
    workingHourEnd: z.number().int().min(1).max(24).default(20),
    /** Public tracking lookups per client per minute. */
    publicLookupsPerMinute: z.number().int().min(1).max(1000).default(20),
});
export const ZLogisticsSettings = ZLogisticsSettingsFields.refine((s) => s.workingHourEnd - s.workingHourStart >= 4, { ...issue("working_hours_too_short", "Working hours must span at least 4 hours", { hours: 4 }), path: ["workingHourEnd"] });
export type LogisticsSettings = z.infer<typeof ZLogisticsSettings>;

export const logisticsSettings = defineSettings("logistics", ZLogisticsSettings);
