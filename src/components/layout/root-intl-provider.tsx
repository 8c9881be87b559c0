"use client";

import type { Locale } from "@/i18n/config";
import { ROOT_MESSAGES } from "@/i18n/root-catalog";
import { AppIntlProvider } from "./intl-provider";

/** The root layout's messages (root error and not-found pages), from the script bundle (src/i18n/root-catalog.ts): only the language travels in the page. */
export function RootIntlProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  return (
    <AppIntlProvider locale={locale} messages={ROOT_MESSAGES[locale]}>
      {children}
    </AppIntlProvider>
  );
}
