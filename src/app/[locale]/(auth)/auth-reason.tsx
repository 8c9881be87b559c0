"use client";

import { useTranslations } from "use-intl";
import { useGuestCart } from "@/components/shop/guest-cart";
import type { SignInReason } from "@/lib/sign-in-reason";

/** Why the page asks to sign in or sign up (from where the visitor is going), and that a guest cart comes along. */
export function AuthReason({ page, reason }: { page: "signIn" | "signUp"; reason: SignInReason | null }) {
  const t = useTranslations("auth");
  const lines = useGuestCart();
  const count = lines.reduce((sum, line) => sum + line.quantity, 0);
  const cartNote = count > 0 && reason !== "checkout";
  if (!reason && !cartNote) return null;
  return (
    <div className="space-y-1 rounded-md bg-brand-50 p-3 text-sm text-brand-700" data-testid="auth-reason">
      {reason && <p>{t(`reasons.${page}.${reason}`)}</p>}
      {cartNote && <p>{t("cartComesAlong", { count })}</p>}
    </div>
  );
}
