"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useSyncExternalStore } from "react";
import { useTranslations } from "use-intl";
import { useGuestCart } from "@/components/shop/guest-cart";
import { returnPath } from "@/lib/same-origin-path";
import { authPageHref } from "@/lib/sign-in-reason";
import { LanguageSwitch } from "./language-switch";
import { SignOutButton } from "./sign-out-button";

export type HeaderUser = { name: string; role: "shopper" | "admin" } | null;

/**
 * The top bar on every page; `extra` lets modules add items (e.g. a notification bell).
 * `user` is undefined while the shop's header is still asking who reads (src/components/layout/shop-header.tsx):
 * then only what everyone sees is shown, neither a guest's links nor a shopper's.
 */
export function SiteHeader({ user, extra, cartCount }: { user: HeaderUser | undefined; extra?: React.ReactNode; cartCount?: number }) {
  const t = useTranslations("common");
  const tc = useTranslations("shop.cart");
  const tf = useTranslations("catalog");
  const tu = useTranslations("users.account");
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
        <Link href="/" className="text-lg font-semibold text-brand-700">
          {t("brand")}
        </Link>
        <nav aria-label={t("nav.mainNavigation")} className="flex flex-1 flex-wrap items-center gap-1 text-sm">
          <NavLink href="/">{t("nav.catalog")}</NavLink>
          <NavLink href="/track">{t("nav.track")}</NavLink>
          {user?.role === "shopper" && (
            <>
              <Link className="rounded px-2 py-1 hover:bg-slate-100" href="/cart" data-testid="header-cart">
                {tc("linkLabel", { count: cartCount ?? 0 })}
              </Link>
              <NavLink href="/orders">{t("nav.orders")}</NavLink>
              <NavLink href="/addresses">{t("nav.addresses")}</NavLink>
              <NavLink href="/favourites">{tf("favourites.nav")}</NavLink>
              <NavLink href="/messages">{tf("messages.nav")}</NavLink>
              <NavLink href="/account/api-keys">{t("nav.apiKeys")}</NavLink>
            </>
          )}
          {user === null && <GuestCartLink label={(count) => tc("linkLabel", { count })} />}
          {user?.role === "admin" && (
            <NavLink href="/admin">{t("nav.admin")}</NavLink>
          )}
          {user && <NavLink href="/account/password">{tu("nav")}</NavLink>}
        </nav>
        <div className="flex items-center gap-2">
          {extra}
          <LanguageSwitch />
          {user && (
            <>
              <span className="text-sm text-slate-600" data-testid="signed-in-user">
                {user.name}
              </span>
              <SignOutButton />
            </>
          )}
          {user === null && <GuestAuthLinks signIn={t("nav.signIn")} signUp={t("nav.signUp")} />}
        </div>
      </div>
    </header>
  );
}

/** One link of the header's navigation. */
function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link className="rounded px-2 py-1 hover:bg-slate-100" href={href}>
      {children}
    </Link>
  );
}

/** A visitor's cart link, counting what this browser keeps for them (nothing on the server render). */
function GuestCartLink({ label }: { label: (count: number) => string }) {
  const lines = useGuestCart();
  return (
    <Link className="rounded px-2 py-1 hover:bg-slate-100" href="/cart" data-testid="header-cart">
      {label(lines.reduce((sum, line) => sum + line.quantity, 0))}
    </Link>
  );
}

/**
 * Sign in / Sign up, leading back to this page afterwards; on the sign-in and sign-up pages
 * themselves, to where those were going to lead.
 */
function GuestAuthLinks({ signIn, signUp }: { signIn: string; signUp: string }) {
  const pathname = usePathname();
  const onAuthPage = pathname === "/sign-in" || pathname === "/sign-up";
  // Read on every render (a navigation re-renders through usePathname); nothing on the server render.
  const passedOn = useSyncExternalStore(noSubscription, () => new URLSearchParams(window.location.search).get("callbackUrl"), () => null);
  const back = returnPath(onAuthPage ? passedOn : pathname === "/" ? null : pathname);
  return (
    <>
      <Link className="rounded px-2 py-1 text-sm hover:bg-slate-100" href={authPageHref("/sign-in", back)}>
        {signIn}
      </Link>
      <Link className="rounded bg-brand-600 px-3 py-1.5 text-sm text-white hover:bg-brand-700" href={authPageHref("/sign-up", back)}>
        {signUp}
      </Link>
    </>
  );
}

function noSubscription() {
  return () => {};
}
