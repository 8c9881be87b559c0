import { LOCALE_COOKIE, splitLocalePath, type Locale } from "@/i18n/config";
import { resolveLocale } from "@/i18n/negotiate";
import { decodeSessionToken, SESSION_COOKIES } from "@/server/auth/session-token";
import { needsSignIn } from "./page-access";

/**
 * Who a page view is answered for, as far as the answer depends on the reader: its language
 * (the one the path names, else the language switch's cookie, else Accept-Language) and, for a
 * page that needs a session, whether the session token is there and names an admin. Pages are
 * built once per language and read everything else in the browser, so two views with the same
 * path and audience get the same answer from Next; the gateway's page cache keys on it.
 *
 * - `anyone`: a page everyone may open (the proxy does not look at the session);
 * - `visitor`: a page that needs a session, without one (the proxy sends them to sign in);
 * - `member` / `admin`: a page that needs a session, with one (the admin area 404s for members).
 */
export type PageReader = "anyone" | "visitor" | "member" | "admin";
export type PageAudience = { locale: Locale; reader: PageReader };

/** Set by the proxy on its answer: the audience it answered for (`<locale> <reader>`), which the gateway checks before it keeps a page. */
export const PAGE_AUDIENCE_HEADER = "x-shopflow-page-audience";

export async function pageAudienceOf(path: string, { cookie, acceptLanguage }: { cookie: (name: string) => string | undefined; acceptLanguage: string | null | undefined }): Promise<PageAudience> {
  const { locale: named, rest } = splitLocalePath(path);
  const locale = named ?? resolveLocale(cookie(LOCALE_COOKIE), acceptLanguage);
  if (!needsSignIn(rest)) return { locale, reader: "anyone" };
  const raw = SESSION_COOKIES.map((name) => cookie(name)).find(Boolean);
  // Decoded with our secret and not expired; a token seen before is not decrypted again.
  const token = raw ? await decodeSessionToken(raw) : null;
  return { locale, reader: !token ? "visitor" : token.role === "admin" ? "admin" : "member" };
}

export const audienceText = ({ locale, reader }: PageAudience) => `${locale} ${reader}`;
