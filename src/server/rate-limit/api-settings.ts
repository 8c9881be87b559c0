import { z } from "zod";
import { defineSettings } from "@/server/domain/settings";
import { zPatchOf } from "@/server/validation/fields";

/** The API's rate limit (Admin → Settings → API), read through the settings cache. */
export const ZApiSettingsFields = z.object({
  /** Requests per minute per API key, else per signed-in user, else per client address (seed §3.5.1: 1000). */
  requestsPerMinute: z.number().int("A whole number of requests").min(10, "At least 10 requests per minute").max(1_000_000, "At most 1000000 requests per minute").default(1_000),
});
export type ApiSettings = z.infer<typeof ZApiSettingsFields>;

export const apiSettings = defineSettings("api", ZApiSettingsFields);

export const ZUpdateApiSettingsInput = zPatchOf(ZApiSettingsFields);
