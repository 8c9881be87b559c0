import type { FieldIssue, FieldIssues } from "./field-issue";
import { PATTERNS, type PatternName } from "./patterns";

/**
 * The limits of a text input, stated once for the server's schema and the form that fills it:
 * the form checks them before sending, so a normal mistake is explained at once, in the reader's
 * language, without a refused call; the server still checks everything.
 */
export type TextRule = {
  max: number;
  /** At least one character once trimmed ("required"), or at least `min`. */
  min?: number;
  pattern?: PatternName;
  email?: boolean;
  /** Passwords and secrets are taken as typed; everything else is trimmed. */
  trim?: boolean;
};

/** A NUL byte, or a surrogate not part of a pair: PostgreSQL cannot store either as typed. */
// eslint-disable-next-line no-control-regex -- the NUL byte is exactly what this refuses
const UNSTORABLE = /[\u0000\uD800-\uDFFF]/u;

/** True when PostgreSQL can store `value` exactly as given. */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/** The email pattern zod's `z.email()` checks (a test keeps the two equal). */
// eslint-disable-next-line no-useless-escape -- zod's pattern character for character, so the comparison stays exact
export const EMAIL_PATTERN = /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

export const ADDRESS_RULES = {
  recipient: { min: 1, max: 40 },
  phone: { max: 20, pattern: "phone" },
  province: { min: 1, max: 40 },
  city: { min: 1, max: 40 },
  district: { min: 1, max: 40 },
  detail: { min: 1, max: 200 },
} as const satisfies Record<string, TextRule>;

export const SIGN_UP_RULES = {
  email: { max: 254, email: true },
  name: { min: 1, max: 80 },
  password: { min: 8, max: 128, trim: false },
} as const satisfies Record<string, TextRule>;

/**
 * The first rule `raw` breaks, in the order the server checks them (length first, then the
 * characters, then the minimum, then the shape), so both name the same problem.
 */
export function checkText(raw: string, rule: TextRule): FieldIssue | undefined {
  const value = rule.trim === false ? raw : raw.trim();
  if (value.length > rule.max) return { code: "too_long", params: { max: rule.max } };
  if (!isStorableText(value)) return { code: "unstorable_text" };
  if (rule.min !== undefined && value.length < rule.min) return rule.min === 1 ? { code: "required" } : { code: "too_short", params: { min: rule.min } };
  if (rule.pattern && !PATTERNS[rule.pattern].test(value)) return { code: "pattern", params: { pattern: rule.pattern } };
  if (rule.email && !EMAIL_PATTERN.test(value.toLowerCase())) return { code: "invalid_email" };
  return undefined;
}

/** The issues of a form's values under its rules, keyed by field; undefined when all pass. */
export function checkFields<Field extends string>(values: Record<Field, string>, rules: Record<Field, TextRule>): FieldIssues | undefined {
  const issues: FieldIssues = {};
  for (const field of Object.keys(rules) as Field[]) {
    const found = checkText(values[field] ?? "", rules[field]);
    if (found) issues[field] = [found];
  }
  return Object.keys(issues).length > 0 ? issues : undefined;
}
