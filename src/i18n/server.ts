import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { createTranslator } from "use-intl/core";
import { LOCALE_COOKIE, TIME_ZONE, toLocale } from "./config";
import { MESSAGES } from "./messages";

export const getLocale = cache(async () => toLocale((await cookies()).get(LOCALE_COOKIE)?.value));

/** Translator for server components, e.g. `const t = await getTranslations("shop")`. */
export async function getTranslations<N extends keyof (typeof MESSAGES)["en"]>(namespace: N) {
  const locale = await getLocale();
  return createTranslator({ locale, messages: MESSAGES[locale], namespace, timeZone: TIME_ZONE });
}
