"use client";

import type { Locale } from "@/i18n/config";
import { SHOP_MESSAGES } from "@/i18n/shop-catalog";
import { AppIntlProvider } from "./intl-provider";

/** The shop's messages for its client components, from the shop's script bundle (src/i18n/shop-catalog.ts): only the language travels in the page. */
export function ShopIntlProvider({ locale, children }: { locale: Locale; children: React.ReactNode }) {
  return (
    <AppIntlProvider locale={locale} messages={SHOP_MESSAGES[locale]}>
      {children}
    </AppIntlProvider>
  );
}
