import { z } from "zod";
import { decodeListCursor, MAX_CURSOR_LENGTH } from "@/lib/list-cursor";
import { MAX_MINOR_UNITS } from "@/lib/money";
import { issue } from "@/lib/validation/field-issue";
import { PATTERNS } from "@/lib/validation/patterns";
import { isStorableText } from "@/lib/validation/text-rules";

/**
 * Field schemas every procedure input is built from, so that whatever passes validation can
 * be stored and queried: PostgreSQL refuses a NUL byte in text (a 500 if it gets that far), an
 * unpaired UTF-16 surrogate has no UTF-8 form (it would be stored as U+FFFD, silently changed),
 * and integer and timestamp columns have ranges narrower than a JavaScript number or Date.
 */

export const UNSTORABLE_TEXT_MESSAGE = "Remove the invisible or broken characters";

export { isStorableText };

/**
 * Text from a caller: at most `max` characters, no NUL byte, no unpaired surrogate, trimmed
 * unless `trim: false` (passwords, secrets and tokens are taken as typed). Chain `.min()`,
 * `.regex()`, `.toLowerCase()` as on `z.string()`. The length is checked first and stops the
 * checks, so an oversized value is refused without being scanned.
 */
export function zText(max: number, { trim = true, message }: { trim?: boolean; message?: string } = {}) {
  const base = trim ? z.string().trim() : z.string();
  return base.max(max, { message: message ?? `Use at most ${max} characters`, abort: true }).refine(isStorableText, issue("unstorable_text", UNSTORABLE_TEXT_MESSAGE));
}

/** An amount of money in minor units that an `integer` money column can hold. */
export const zMinorUnits = () => z.number().int("Use whole cents").max(MAX_MINOR_UNITS, "That amount is too large");

/** Dates with four-digit years: what date inputs give and timestamptz holds (a JS Date reaches 271,821 BC). */
export const MIN_DATE = new Date("0001-01-01T00:00:00Z");
export const MAX_DATE = new Date("9999-12-31T23:59:59.999Z");

/** A date from a query filter (ISO text or a Date), within what PostgreSQL can compare. */
export const zDate = () => z.coerce.date({ message: "Enter a valid date" }).min(MIN_DATE, "Choose a later date").max(MAX_DATE, "Choose an earlier date");

/** A calendar day as YYYY-MM-DD that exists (no 2026-02-30) and fits the date range above. */
export const zDay = () =>
  zText(10)
    .regex(PATTERNS.day, "Use YYYY-MM-DD")
    .refine((day) => {
      const date = new Date(`${day}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day) && date >= MIN_DATE;
    }, issue("invalid_day", "Choose a day that exists"));

/** Refuses a patch that changes nothing (every field absent or undefined). */
export const hasSomeField = (patch: Record<string, unknown>) => Object.values(patch).some((value) => value !== undefined);
export const EMPTY_PATCH_MESSAGE = "Change at least one field";

type Patch<T extends z.ZodRawShape> = { [K in keyof T]: z.ZodOptional<T[K] extends z.ZodDefault<infer Inner> ? Inner : T[K]> };

/**
 * A partial update of `object`'s fields: each optional and without its default, so a field
 * left out stays as it is (a `.partial()` of defaulted fields would fill it with the default
 * and reset it), and at least one field given.
 */
export function zPatchOf<T extends z.ZodRawShape>(object: z.ZodObject<T>) {
  const shape = Object.fromEntries(Object.entries(object.shape).map(([key, field]) => [key, ((field instanceof z.ZodDefault ? field.unwrap() : field) as z.ZodType).optional()]));
  return z.object(shape as unknown as Patch<T>).refine(hasSomeField, issue("empty_patch", EMPTY_PATCH_MESSAGE));
}

/**
 * The one pagination convention of list answers (and of /api/v1): a page of `items` with the
 * `total` across all pages and the `page`/`pageSize` asked for.
 */
export const zPageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/**
 * A list that can also be paged by cursor (the admin lists, which grow to millions of rows):
 * the usual page shape, plus whether `total` is an estimate and the cursors of the pages
 * either side. Callers who page by number keep working; `?cursor=` is cheaper far in.
 */
export const zKeysetPageOf = <T extends z.ZodType>(item: T) =>
  zPageOf(item).extend({
    totalIsEstimate: z.boolean().describe("true when more than 1,000 rows match: `total` is then PostgreSQL's estimate, not a count"),
    nextCursor: z.string().nullable().describe("Pass as `cursor` for the following page; null on the last page"),
    prevCursor: z.string().nullable().describe("Pass as `cursor` for the preceding page; null on the first page"),
  });

/** An opaque list cursor from a previous page's `nextCursor` or `prevCursor`. */
export const zListCursor = () =>
  z
    .string()
    .max(MAX_CURSOR_LENGTH)
    .refine((text) => decodeListCursor(text) !== null, issue("invalid_cursor", "Not a cursor from this list"))
    .describe("From a previous page's `nextCursor` or `prevCursor`; wins over `page`");
