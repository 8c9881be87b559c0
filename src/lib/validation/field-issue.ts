import type { z } from "zod";
import { patternNamed } from "./patterns";

/**
 * What is wrong with one input field, as a code and the values its message needs
 * (`{ code: "too_long", params: { max: 40 } }`). The server sends these beside its English
 * `fieldErrors` (for API developers); pages render them from the message catalogs
 * (`common.validation.<code>`) in the reader's language. The set is closed: a test checks that
 * both catalogs have a label for every code.
 */
export type FieldIssue = { code: FieldIssueCode; params?: Record<string, string | number> };
export type FieldIssues = Record<string, FieldIssue[] | undefined>;

/** Codes read off the structure of zod's own issues (length, type, format, choice). */
export const STRUCTURAL_ISSUE_CODES = [
  "required",
  "too_short",
  "too_long",
  "too_small",
  "too_large",
  "too_few",
  "too_many",
  "too_early",
  "too_late",
  "not_whole",
  "not_multiple",
  "invalid_type",
  "invalid_date",
  "invalid_email",
  "invalid_url",
  "invalid_id",
  "invalid_format",
  "pattern",
  "invalid_choice",
  "unknown_field",
  "invalid",
] as const;

/**
 * Codes of our own refinements: a schema's `.refine()` or `ctx.addIssue()` names one through
 * `issue(code, message)` below, and anything that refuses a value for a reason of its own.
 */
export const CUSTOM_ISSUE_CODES = [
  "unstorable_text",
  "empty_patch",
  "invalid_day",
  "invalid_cursor",
  "listed_twice",
  "start_after_end",
  "range_too_long",
  "min_above_max",
  "password_too_short",
  "password_too_long",
  "password_too_simple",
  "password_too_common",
  "password_contains_email",
  "password_wrong",
  "card_number_missing",
  "card_number_invalid",
  "amount_required",
  "each_zone_once",
  "mix_not_100",
  "working_hours_too_short",
  "payment_method_required",
  "pacing_window_required",
  "pacing_rate_required",
  "weight_required",
  "choose_from_list",
  "taken",
  "email_taken",
  "expiry_in_past",
  "not_available",
] as const;

export const FIELD_ISSUE_CODES = [...STRUCTURAL_ISSUE_CODES, ...CUSTOM_ISSUE_CODES] as const;
export type FieldIssueCode = (typeof FIELD_ISSUE_CODES)[number];
export type CustomIssueCode = (typeof CUSTOM_ISSUE_CODES)[number];

const KNOWN_CODES = new Set<string>(FIELD_ISSUE_CODES);

/**
 * The zod error options of a refinement with a code of our own: the English `message` API
 * callers read, and the code (with its values) pages translate. For `.refine(check, issue(...))`
 * and `ctx.addIssue({ code: "custom", ...issue(...) })`.
 */
export function issue(code: CustomIssueCode, message: string, params?: Record<string, string | number>) {
  return { message, params: { ...params, code } };
}

type ZodIssue = z.core.$ZodIssue;

/** Numbers stay numbers; dates and bigints become text a message can show. */
function shown(value: unknown): string | number {
  if (typeof value === "number") return value;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** The code and values of one zod issue: the one mapping from zod to what pages translate. */
export function fieldIssueOf(zodIssue: ZodIssue): FieldIssue {
  switch (zodIssue.code) {
    case "too_big": {
      const max = shown(zodIssue.maximum);
      if (zodIssue.origin === "string") return { code: "too_long", params: { max } };
      if (zodIssue.origin === "array" || zodIssue.origin === "set") return { code: "too_many", params: { max } };
      if (zodIssue.origin === "date") return { code: "too_late" };
      return { code: "too_large", params: { max } };
    }
    case "too_small": {
      const min = shown(zodIssue.minimum);
      if (zodIssue.origin === "string") return min === 1 ? { code: "required" } : { code: "too_short", params: { min } };
      if (zodIssue.origin === "array" || zodIssue.origin === "set") return { code: "too_few", params: { min } };
      if (zodIssue.origin === "date") return { code: "too_early" };
      // "more than 0" reads better as "at least 1" for whole numbers, but not every number is whole.
      return { code: "too_small", params: { min, inclusive: zodIssue.inclusive === false ? "no" : "yes" } };
    }
    case "invalid_type":
      if (zodIssue.expected === "int") return { code: "not_whole" };
      if (zodIssue.expected === "date") return { code: "invalid_date" };
      return { code: "invalid_type" };
    case "invalid_format": {
      if (zodIssue.format === "email") return { code: "invalid_email" };
      if (zodIssue.format === "url") return { code: "invalid_url" };
      if (zodIssue.format === "uuid" || zodIssue.format === "guid") return { code: "invalid_id" };
      const pattern = zodIssue.format === "regex" ? patternNamed(zodIssue.pattern) : undefined;
      return pattern ? { code: "pattern", params: { pattern } } : { code: "invalid_format" };
    }
    case "not_multiple_of":
      return { code: "not_multiple", params: { divisor: shown(zodIssue.divisor) } };
    case "invalid_value":
      return { code: "invalid_choice" };
    case "unrecognized_keys":
      return { code: "unknown_field" };
    case "custom": {
      const { code, ...params } = (zodIssue.params ?? {}) as { code?: unknown } & Record<string, unknown>;
      if (typeof code !== "string" || !KNOWN_CODES.has(code)) return { code: "invalid" };
      const values = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, shown(value)]));
      return Object.keys(values).length > 0 ? { code: code as FieldIssueCode, params: values } : { code: code as FieldIssueCode };
    }
    default:
      return { code: "invalid" };
  }
}

/**
 * The field issues of a refused input, keyed as `z.flattenError` keys its `fieldErrors` (the
 * first path segment), so the two travel side by side. Issues about the whole input are left out,
 * as in `fieldErrors`.
 */
export function fieldIssuesOf(issues: readonly ZodIssue[]): FieldIssues {
  const byField: Record<string, FieldIssue[]> = {};
  for (const zodIssue of issues) {
    const field = zodIssue.path[0];
    if (field === undefined) continue;
    (byField[String(field)] ??= []).push(fieldIssueOf(zodIssue));
  }
  return byField;
}
