import type { Metadata } from "next";
import { RootIntlProvider } from "@/components/layout/root-intl-provider";
import { getLocale } from "@/i18n/server";
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
        <RootIntlProvider locale={locale}>
          <TRPCReactProvider>{children}</TRPCReactProvider>
        </RootIntlProvider>
      </body>
    </html>
  );
}
