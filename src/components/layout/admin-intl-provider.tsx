"use client";

import { ADMIN_MESSAGES } from "@/i18n/admin-catalog";
import type { Locale } from "@/i18n/config";
import { AppIntlProvider } from "./intl-provider";

/** The admin's messages for its client components, from the admin's script bundle (src/i18n/admin-catalog.ts): only the language travels in the page. */
export function AdminIntlProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  return (
    <AppIntlProvider locale={locale} messages={ADMIN_MESSAGES[locale]}>
      {children}
    </AppIntlProvider>
  );
}
