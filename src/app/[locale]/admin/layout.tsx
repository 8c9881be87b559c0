import type { Metadata } from "next";
import { AdminSidebar } from "@/components/admin/admin-sidebar";
import { AdminHeader } from "@/components/layout/admin-header";
import { AdminIntlProvider } from "@/components/layout/admin-intl-provider";
import { toLocale } from "@/i18n/config";
import { getTranslationsFor } from "@/i18n/server";

type LocaleParams = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: LocaleParams): Promise<Metadata> {
  const t = getTranslationsFor((await params).locale, "admin");
  return { title: { default: t("title"), template: `%s · ${t("title")} · shopflow` } };
}

/**
 * The admin's frame. It reads nothing per request, so an admin page whose own content is read
 * by the browser is built once per language. The role is gated before anything renders: the
 * proxy sends visitors without a session to sign in and routes everyone but admins to the
 * not-found page (src/server/http/page-access.ts); every API call checks the role again. Who is
 * signed in is read by the browser (AdminHeader).
 */
export default async function AdminLayout({ children, params }: { children: React.ReactNode } & LocaleParams) {
  const locale = toLocale((await params).locale);
  return (
    <AdminIntlProvider locale={locale}>
      <AdminHeader />
      <div className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 md:flex-row">
        <AdminSidebar />
        <main className="min-w-0 flex-1">{children}</main>
      </div>
    </AdminIntlProvider>
  );
}
