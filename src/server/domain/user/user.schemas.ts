import { z } from "zod";
import { zText } from "@/server/validation/fields";

export const ZEmail = zText(254)
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address" }));

export const ZPassword = zText(128, { trim: false }).min(8, "Use at least 8 characters");

export const ZSignUpInput = z.object({
  email: ZEmail,
  name: zText(80).min(1, "Enter your name"),
  password: ZPassword,
});
export type SignUpInput = z.infer<typeof ZSignUpInput>;

export const ZSignInInput = z.object({ email: ZEmail, password: zText(128, { trim: false }).min(1) });

export type Role = "shopper" | "admin";

/** What the rest of the app knows about the signed-in user. */
export type SessionUser = { id: string; email: string; name: string; role: Role; sessionId: string };

/** Who a user is, as the account pages see it (never the password hash). */
export const ZUserView = z.object({ id: z.uuid(), email: z.string(), name: z.string(), role: z.enum(["shopper", "admin"]) });
