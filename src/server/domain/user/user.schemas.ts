import { z } from "zod";

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address" }));

export const ZPassword = z
  .string()
  .min(8, "Use at least 8 characters")
  .max(128, "Use at most 128 characters");

export const ZSignUpInput = z.object({
  email: ZEmail,
  name: z.string().trim().min(1, "Enter your name").max(80, "Use at most 80 characters"),
  password: ZPassword,
});
export type SignUpInput = z.infer<typeof ZSignUpInput>;

export const ZSignInInput = z.object({ email: ZEmail, password: z.string().min(1).max(128) });

export type Role = "shopper" | "admin";

/** What the rest of the app knows about the signed-in user. */
export type SessionUser = { id: string; email: string; name: string; role: Role; sessionId: string };
