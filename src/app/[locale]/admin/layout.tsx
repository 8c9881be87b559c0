import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { AdminSidebar } from "@/components/admin/admin-sidebar";
import { AdminIntlProvider } from "@/components/layout/admin-intl-provider";
import { SiteHeader } from "@/components/layout/site-header";
import { getLocale, getTranslations } from "@/i18n/server";
import { getSession } from "@/trpc/server";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin");
  return { title: { default: t("title"), template: `%s · ${t("title")} · shopflow` } };
}

/**
 * The role gate for every admin page runs here, on the server, before anything is sent:
 * without a session (the proxy already redirects visitors without a token; this catches a
 * revoked one) sign in; signed in as anyone but an admin, the admin area does not exist (404).
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const [session, locale] = await Promise.all([getSession(), getLocale()]);
  if (!session) redirect("/sign-in?callbackUrl=/admin");
  if (session.role !== "admin") notFound();
  return (
    <AdminIntlProvider locale={locale}>
      <SiteHeader user={{ name: session.name, role: session.role }} />
      <div className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-6 md:flex-row">
        <AdminSidebar />
        <main className="min-w-0 flex-1">{children}</main>
      </div>
    </AdminIntlProvider>
  );
}
