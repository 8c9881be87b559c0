import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { createTranslator, type NamespaceKeys, type NestedKeyOf } from "use-intl/core";
import { LOCALE_COOKIE, TIME_ZONE, toLocale } from "./config";
import { MESSAGES, type Messages } from "./messages";

export const getLocale = cache(async () => toLocale((await cookies()).get(LOCALE_COOKIE)?.value));

/**
 * Translator for server components, e.g. `const t = await getTranslations("shop")`; nested
 * namespaces work too (`getTranslations("shop.order")`), like `useTranslations` on the client.
 */
export async function getTranslations<N extends NamespaceKeys<Messages, NestedKeyOf<Messages>>>(namespace: N) {
  const locale = await getLocale();
  return createTranslator({ locale, messages: MESSAGES[locale], namespace, timeZone: TIME_ZONE });
}
