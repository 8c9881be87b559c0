"use client";

import { IntlProvider } from "use-intl";
import type { Locale } from "@/i18n/config";
import { TIME_ZONE } from "@/i18n/config";
import type { Messages } from "@/i18n/messages";

export function AppIntlProvider({ locale, messages, children }: { locale: Locale; messages: Messages; children: React.ReactNode }) {
  return (
    <IntlProvider locale={locale} messages={messages} timeZone={TIME_ZONE}>
      {children}
    </IntlProvider>
  );
}
