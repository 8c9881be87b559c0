import type { Metadata } from "next";
import { AppIntlProvider } from "@/components/layout/intl-provider";
import { getLocale } from "@/i18n/server";
import { clientMessages } from "@/i18n/client-messages";
import { TRPCReactProvider } from "@/trpc/client";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "shopflow", template: "%s · shopflow" },
  description: "An open e-commerce payment and logistics lifecycle platform",
  icons: { icon: { url: "/favicon.svg", type: "image/svg+xml" } },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <AppIntlProvider locale={locale} messages={clientMessages(locale, "root")}>
          <TRPCReactProvider>{children}</TRPCReactProvider>
        </AppIntlProvider>
      </body>
    </html>
  );
}
