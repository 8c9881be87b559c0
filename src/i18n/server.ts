import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { forgetRenderWhenDone } from "@/server/render/finished-render";
import { LOCALE_COOKIE } from "./config";
import { resolveLocale } from "./negotiate";
import { translatorFor, type Namespace } from "./translators";

/** The reader's language: the language switch's cookie, else the browser's Accept-Language. */
export const getLocale = cache(async () => {
  // Every render asks for the language (the root layout on a page load, getTranslations on a
  // navigation), so this is where each render arranges to be forgotten when it ends.
  forgetRenderWhenDone();
  const [jar, incoming] = await Promise.all([cookies(), headers()]);
  return resolveLocale(jar.get(LOCALE_COOKIE)?.value, incoming.get("accept-language"));
});

/**
 * Translator for server components, e.g. `const t = await getTranslations("shop")`; nested
 * namespaces work too (`getTranslations("shop.order")`), like `useTranslations` on the client.
 */
export async function getTranslations<N extends Namespace>(namespace: N) {
  return translatorFor(await getLocale(), namespace);
}
