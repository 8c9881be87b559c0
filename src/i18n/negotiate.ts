import Negotiator from "negotiator";
import { DEFAULT_LOCALE, LOCALES, toLocale, type Locale } from "./config";

/**
 * The language of a first visit, from the browser's Accept-Language (RFC 9110 quality values,
 * read by `negotiator`, the parser Express uses). Any Chinese variant reads the Simplified
 * catalog: closer to a zh-TW or zh-HK reader than English is.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const match = new Negotiator({ headers: { "accept-language": header } }).language([...LOCALES, "zh"]);
  if (match === "zh") return "zh-CN";
  return toLocale(match);
}

/** The reader's language: their choice (the cookie) once made, else what the browser asks for. */
export function resolveLocale(cookieValue: string | undefined, acceptLanguage: string | null | undefined): Locale {
  return cookieValue && (LOCALES as readonly string[]).includes(cookieValue) ? (cookieValue as Locale) : localeFromAcceptLanguage(acceptLanguage);
}
