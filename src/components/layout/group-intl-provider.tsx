import { AppIntlProvider } from "@/components/layout/intl-provider";
import { clientMessages, type ClientGroup } from "@/i18n/client-messages";
import { getLocale } from "@/i18n/server";

/**
 * Gives a route group's client components the messages they read, and no more: the catalog
 * travels in every page's HTML, so each group ships only its namespaces (src/i18n/client-messages.ts).
 */
export async function GroupIntlProvider({ group, children }: { group: ClientGroup; children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <AppIntlProvider locale={locale} messages={clientMessages(locale, group)}>
      {children}
    </AppIntlProvider>
  );
}
