import { z } from "zod";
import { zDate, zPatchOf } from "@/server/validation/fields";
import { issue } from "@/lib/validation/field-issue";
import { PATTERNS } from "@/lib/validation/patterns";

/** pino's levels by name, lowest first; the page filters on "this level and above". */
export const LOG_LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;
export type LogLevelName = keyof typeof LOG_LEVELS;
export const LOG_LEVEL_NAMES = Object.keys(LOG_LEVELS) as LogLevelName[];

/** The name of a numeric pino level (a custom number falls to the level below it). */
export function logLevelName(level: number): LogLevelName {
  let name: LogLevelName = "trace";
  for (const candidate of LOG_LEVEL_NAMES) if (level >= LOG_LEVELS[candidate]) name = candidate;
  return name;
}

const zFilterText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters`)
    // PostgreSQL text cannot hold NUL: refused as input, not a 500 from the database.
    .refine((value) => !value.includes("\u0000"), issue("unstorable_text", "Remove the NUL character"))
    .transform((value) => value || undefined)
    .optional();

export const ZSearchLogsInput = z
  .object({
    from: zDate().optional(),
    to: zDate().optional(),
    /** The lowest level shown. */
    level: z.enum(LOG_LEVEL_NAMES as [LogLevelName, ...LogLevelName[]]).optional(),
    requestId: zFilterText(128),
    userId: zFilterText(128),
    /** A route label as the access log writes it (`rest GET /orders/{orderId}`, `order.byId`), matched from its start. */
    route: zFilterText(300),
    /** Words anywhere in the line (message, fields, error), case-insensitive. */
    text: zFilterText(200),
    /** From the previous page's `nextCursor`. */
    cursor: z
      .string()
      .regex(PATTERNS.logCursor, "Not a cursor from this list")
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((input) => !input.from || !input.to || input.from <= input.to, { ...issue("start_after_end", "The start must be before the end"), path: ["to"] });
export type SearchLogsInput = z.input<typeof ZSearchLogsInput>;

export const ZLogLine = z.object({
  id: z.number().int(),
  time: z.date(),
  level: z.enum(LOG_LEVEL_NAMES as [LogLevelName, ...LogLevelName[]]),
  role: z.string().nullable(),
  pid: z.number().int().nullable(),
  msg: z.string().nullable(),
  requestId: z.string().nullable(),
  userId: z.string().nullable(),
  route: z.string().nullable(),
  method: z.string().nullable(),
  status: z.number().int().nullable(),
  durationMs: z.number().nullable(),
  /** The whole line as written (already scrubbed of secrets). */
  line: z.record(z.string(), z.unknown()),
});
export type LogLine = z.infer<typeof ZLogLine>;

export const ZSearchLogsOutput = z.object({
  items: z.array(ZLogLine),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type SearchLogsOutput = z.infer<typeof ZSearchLogsOutput>;

/** Admin → Settings → Logs. */
export const ZLogSettingsFields = z.object({
  /** Lines older than this many days are deleted by the log-retention sweep. */
  retentionDays: z.number().int("A whole number of days").min(1, "Keep logs at least 1 day").max(365, "Keep logs at most 365 days").default(7),
});
export type LogSettings = z.infer<typeof ZLogSettingsFields>;
export const ZUpdateLogSettingsInput = zPatchOf(ZLogSettingsFields);
