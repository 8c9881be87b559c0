import { z } from "zod";
import { zPatchOf, zText } from "@/server/validation/fields";
import { ZLifecycleSettingsFields } from "./lifecycle.settings";

export const ZConfirmReceiptInput = z.object({ orderId: z.uuid() });
export const ZConfirmReceiptOutput = z.object({ id: z.uuid(), status: z.literal("completed"), changed: z.boolean() });

/** Lifecycle timings plus the simulation time scale that shrinks them, edited together. */
export const ZUpdateLifecycleSettingsInput = zPatchOf(
  ZLifecycleSettingsFields.extend({ timeScale: z.number().min(1, "At least 1 (real time)").max(100_000, "At most 100000") }),
);

export const ZTaskId = z.object({ taskId: zText(200).min(1) });
export const ZTaskRunId = z.object({ runId: z.uuid() });
