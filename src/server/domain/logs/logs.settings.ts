import { defineSettings } from "@/server/domain/settings";
import { ZLogSettingsFields } from "./logs.schemas";

/** How long the log store keeps lines (Admin → Settings → Logs). */
export const logSettings = defineSettings("logs", ZLogSettingsFields);
