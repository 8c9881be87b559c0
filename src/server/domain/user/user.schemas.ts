import { z } from "zod";
import { PASSWORD_PROBLEM_ISSUES, PASSWORD_PROBLEMS, passwordProblem } from "@/lib/password-policy";
import { issue } from "@/lib/validation/field-issue";
import { SIGN_UP_RULES } from "@/lib/validation/text-rules";
import { zText } from "@/server/validation/fields";

export const ZEmail = zText(SIGN_UP_RULES.email.max)
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address" }));

export const ZPassword = zText(SIGN_UP_RULES.password.max, { trim: false }).min(SIGN_UP_RULES.password.min, `Use at least ${SIGN_UP_RULES.password.min} characters`);

export const ZSignUpInput = z.object({
  email: ZEmail,
  name: zText(SIGN_UP_RULES.name.max).min(SIGN_UP_RULES.name.min, "Enter your name"),
  password: ZPassword,
});
export type SignUpInput = z.infer<typeof ZSignUpInput>;

export const ZSignInInput = z.object({ email: ZEmail, password: zText(128, { trim: false }).min(1) });

export type Role = "shopper" | "admin";

/** What the rest of the app knows about the signed-in user. */
export type SessionUser = { id: string; email: string; name: string; role: Role; sessionId: string };

/** Who a user is, as the account pages see it (never the password hash). */
export const ZUserView = z.object({ id: z.uuid(), email: z.string(), name: z.string(), role: z.enum(["shopper", "admin"]) });
/** A password someone chooses now: the policy in src/lib/password-policy.ts (the email rule is checked by the service). */
export const ZNewPassword = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: "custom", ...issue(PASSWORD_PROBLEM_ISSUES[problem], PASSWORD_PROBLEMS[problem]) });
});

export const ZRole = z.enum(["shopper", "admin"]);

export const ZChangePasswordInput = z.object({
  currentPassword: zText(128, { trim: false }).min(1, "Enter your current password"),
  newPassword: ZNewPassword,
});
export const ZChangePasswordOutput = z.object({ otherSessionsEnded: z.number().int() });

export const ZUserListInput = z.object({
  /** Part of the email or name, case-insensitive. */
  q: zText(100).optional(),
  role: ZRole.optional(),
  status: z.enum(["active", "disabled"]).optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export type UserListInput = z.input<typeof ZUserListInput>;

export const ZAdminUser = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: ZRole,
  disabledAt: z.date().nullable(),
  createdAt: z.date(),
});
export type AdminUser = z.infer<typeof ZAdminUser>;

export const ZUserListOutput = z.object({
  items: z.array(ZAdminUser),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const ZUserIdInput = z.object({ id: z.uuid() });
export const ZSetRoleInput = z.object({ id: z.uuid(), role: ZRole });

export const ZUserEventType = z.enum(["created", "role_changed", "disabled", "enabled", "password_changed", "password_reset_link_created", "password_reset"]);
export const ZUserEvent = z.object({
  id: z.number().int(),
  type: ZUserEventType,
  /** Who did it; null when it came from the command line (or the user's own reset link). */
  actor: z.object({ id: z.uuid(), name: z.string(), email: z.string() }).nullable(),
  before: z.record(z.string(), z.unknown()),
  after: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
});
export const ZUserEventList = z.array(ZUserEvent);

export const ZResetLinkOutput = z.object({
  /** When the link stops working. The link itself is written to the server log only. */
  expiresAt: z.date(),
});

export const ZResetPasswordInput = z.object({
  token: zText(200, { trim: false }).min(1),
  newPassword: ZNewPassword,
});
export const ZResetPasswordOutput = z.object({ ok: z.literal(true) });
