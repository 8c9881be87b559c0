import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { forgetRenderWhenDone } from "@/server/render/finished-render";
import { LOCALE_COOKIE, LOCALE_HEADER, toLocale } from "./config";
import { resolveLocale } from "./negotiate";
import { translatorFor, type Namespace } from "./translators";

/**
 * The reader's language in a page rendered per request: the one the proxy chose and the page's
 * URL carries (the language switch's cookie, else the browser's Accept-Language). Pages rendered
 * once per language take it from their `locale` route parameter instead.
 */
export const getLocale = cache(async () => {
  // Every per-request render asks for the language, so this is where each render arranges to be
  // forgotten when it ends.
  forgetRenderWhenDone();
  const incoming = await headers();
  const chosen = incoming.get(LOCALE_HEADER);
  if (chosen) return toLocale(chosen);
  // Only a request that skipped the proxy lacks the header.
  return resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value, incoming.get("accept-language"));
});

/**
 * Translator for server components, e.g. `const t = await getTranslations("shop")`; nested
 * namespaces work too (`getTranslations("shop.order")`), like `useTranslations` on the client.
 */
export async function getTranslations<N extends Namespace>(namespace: N) {
  return translatorFor(await getLocale(), namespace);
}

/** The same translator for a page rendered once per language, from its `locale` route parameter. */
export function getTranslationsFor<N extends Namespace>(locale: string, namespace: N) {
  return translatorFor(toLocale(locale), namespace);
}
