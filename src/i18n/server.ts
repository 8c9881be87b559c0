import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { createTranslator, type NamespaceKeys, type NestedKeyOf } from "use-intl/core";
import { forgetRenderWhenDone } from "@/server/render/finished-render";
import { LOCALE_COOKIE, TIME_ZONE } from "./config";
import { MESSAGES, type Messages } from "./messages";
import { resolveLocale } from "./negotiate";

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
export async function getTranslations<N extends NamespaceKeys<Messages, NestedKeyOf<Messages>>>(namespace: N) {
  const locale = await getLocale();
  return createTranslator({ locale, messages: MESSAGES[locale], namespace, timeZone: TIME_ZONE });
}
