/**
 * The text patterns inputs are checked against, by name. The server's schemas use them with
 * `.regex()` (so the OpenAPI document states them), forms check the same ones before sending,
 * and a refused value's issue names the pattern (`{ code: "pattern", params: { pattern } }`)
 * so the reader sees what the field expects in their language.
 */
export const PATTERNS = {
  /** A phone number: an optional +, then 6 to 20 digits, spaces or dashes. */
  phone: /^\+?[0-9][0-9 -]{5,19}$/,
  /** A mainland mobile number: 11 digits from 13x to 19x. */
  mobile: /^1[3-9]\d{9}$/,
  day: /^\d{4}-\d{2}-\d{2}$/,
  sku: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
  slug: /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
  serviceLevelCode: /^[a-z][a-z0-9_]{1,31}$/,
  carrierCode: /^[A-Z][A-Z0-9]{1,15}$/,
  colour: /^#[0-9a-fA-F]{6}$/,
  trackingPrefix: /^[A-Z]{0,4}$/,
  trackingSuffix: /^[A-Z]{0,3}$/,
  idempotencyKey: /^[A-Za-z0-9._:-]+$/,
  logCursor: /^\d{1,16}\.\d{1,18}$/,
} as const;

export type PatternName = keyof typeof PATTERNS;

const NAME_OF_PATTERN = new Map(Object.entries(PATTERNS).map(([name, pattern]) => [String(pattern), name as PatternName]));

/** The name of a pattern as a zod issue writes it (`/^…$/`), or undefined for one not listed here. */
export function patternNamed(source: string | undefined): PatternName | undefined {
  return source === undefined ? undefined : NAME_OF_PATTERN.get(source);
}
