import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RootIntlProvider } from "@/components/layout/root-intl-provider";
import { LOCALES, type Locale } from "@/i18n/config";
import { TRPCReactProvider } from "@/trpc/client";
import "../globals.css";

export const metadata: Metadata = {
  title: { default: "shopflow", template: "%s · shopflow" },
  description: "An open e-commerce payment and logistics lifecycle platform",
  icons: { icon: { url: "/favicon.svg", type: "image/svg+xml" } },
};

/** Pages that read nothing per request are built once for each language. */
export function generateStaticParams() {
  return LOCALES.map((locale) => ({ locale }));
}

/**
 * The language comes from the URL (`next.config.ts` rewrites `/x` to `/{locale}/x`), not from
 * the request, so this layout reads nothing per request and does not make its pages dynamic.
 */
export default async function RootLayout({ children, params }: { children: React.ReactNode; params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  if (!isLocale(locale)) notFound();
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

function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}
