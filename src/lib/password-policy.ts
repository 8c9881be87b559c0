import type { CustomIssueCode } from "@/lib/validation/field-issue";

/**
 * The password policy for every password a person chooses from now on (changing it, a reset
 * link, `npm run admin:create`). Pure and client-safe: the server enforces it and sends a
 * problem as its English message (what API callers read) with a field issue code beside it.
 */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

export const PASSWORD_PROBLEMS = {
  tooShort: `Use at least ${MIN_PASSWORD_LENGTH} characters`,
  tooLong: `Use at most ${MAX_PASSWORD_LENGTH} characters`,
  tooSimple: "Mix letters with digits or symbols",
  tooCommon: "This password is too common; choose another",
  containsEmail: "Do not use your email address in your password",
} as const;
export type PasswordProblem = keyof typeof PASSWORD_PROBLEMS;

/** The field issue code each policy problem is sent as (src/lib/validation/field-issue.ts). */
export const PASSWORD_PROBLEM_ISSUES = {
  tooShort: "password_too_short",
  tooLong: "password_too_long",
  tooSimple: "password_too_simple",
  tooCommon: "password_too_common",
  containsEmail: "password_contains_email",
} as const satisfies Record<PasswordProblem, CustomIssueCode>;

/**
 * Passwords that guessers try first, lower-cased; the demo accounts' passwords among them.
 * A short list on purpose: length and mixing rule out most of the long lists' entries.
 */
const COMMON = new Set([
  "password123", "password1234", "passw0rd123", "1234567890", "12345678910", "0123456789", "qwerty1234", "qwertyuiop1",
  "1q2w3e4r5t", "iloveyou123", "admin12345", "administrator1", "welcome123", "letmein123", "abc1234567", "shopper123", "admin123456",
  "changeme123", "shopflow123",
]);

/** The first rule `password` breaks, or null when it may be used. */
export function passwordProblem(password: string, email?: string): PasswordProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH) return "tooShort";
  if (password.length > MAX_PASSWORD_LENGTH) return "tooLong";
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return "tooCommon";
  const classes = [/\p{L}/u, /\p{N}/u, /[^\p{L}\p{N}]/u].filter((re) => re.test(password)).length;
  if (classes < 2 || new Set(password).size < 4) return "tooSimple";
  const local = email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return "containsEmail";
  return null;
}
