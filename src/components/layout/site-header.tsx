"use client";

import Link from "next/link";
import { useTranslations } from "use-intl";
import { LanguageSwitch } from "./language-switch";
import { SignOutButton } from "./sign-out-button";

export type HeaderUser = { name: string; role: "shopper" | "admin" } | null;

/**
 * The top bar on every page; `extra` lets modules add items (e.g. a notification bell).
 * `cartCount` comes from the server layout, which re-renders on `router.refresh()` after cart changes.
 */
export function SiteHeader({ user, extra, cartCount }: { user: HeaderUser; extra?: React.ReactNode; cartCount?: number }) {
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
          {user?.role === "admin" && (
            <NavLink href="/admin">{t("nav.admin")}</NavLink>
          )}
          {user && <NavLink href="/account/password">{tu("nav")}</NavLink>}
        </nav>
        <div className="flex items-center gap-2">
          {extra}
          <LanguageSwitch />
          {user ? (
            <>
              <span className="text-sm text-slate-600" data-testid="signed-in-user">
                {user.name}
              </span>
              <SignOutButton />
            </>
          ) : (
            <>
              <Link className="rounded px-2 py-1 text-sm hover:bg-slate-100" href="/sign-in">
                {t("nav.signIn")}
              </Link>
              <Link className="rounded bg-brand-600 px-3 py-1.5 text-sm text-white hover:bg-brand-700" href="/sign-up">
                {t("nav.signUp")}
              </Link>
            </>
          )}
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
