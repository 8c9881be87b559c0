export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
/** The language choice persists in this cookie (one year). */
export const LOCALE_COOKIE = "shopflow-locale";
/**
 * The language the proxy chose for a request (src/proxy.ts): `next.config.ts` rewrites the page
 * to `/{locale}/…` on it, and server components that read the request read it too, so a page and
 * its route parameter never disagree. The proxy always overwrites what a caller sent.
 */
export const LOCALE_HEADER = "x-shopflow-locale";
/** Set by the proxy when the reader may not see the page at all: next.config.ts routes the view to the not-found page. */
export const NOT_FOUND_HEADER = "x-shopflow-not-found";
export const TIME_ZONE = "Asia/Shanghai";

export function toLocale(value: string | undefined | null): Locale {
  return (LOCALES as readonly string[]).includes(value ?? "") ? (value as Locale) : DEFAULT_LOCALE;
}

/** `/zh-CN/cart` → `{ locale: "zh-CN", rest: "/cart" }`; a path without a language → `{ locale: null, rest: path }`. */
export function splitLocalePath(pathname: string): { locale: Locale | null; rest: string } {
  for (const locale of LOCALES) {
    if (pathname === `/${locale}`) return { locale, rest: "/" };
    if (pathname.startsWith(`/${locale}/`)) return { locale, rest: pathname.slice(locale.length + 1) };
  }
  return { locale: null, rest: pathname };
}
