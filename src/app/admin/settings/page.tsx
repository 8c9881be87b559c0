import Link from "next/link";
import { SectionTabs } from "@/components/payment/admin/section-tabs";
import { getTranslations } from "@/i18n/server";

export const metadata = { title: "Settings" };

/** Admin → Settings: one tab per module (payments, logistics, lifecycle). */
export default async function AdminSettingsIndex() {
  const [t, tl] = await Promise.all([getTranslations("payment"), getTranslations("lifecycle")]);
  const tabs = [
    { href: "/admin/settings/payments", label: t("admin.sections.payments") },
    { href: "/admin/settings/logistics", label: t("admin.sections.logistics") },
    { href: "/admin/settings/lifecycle", label: tl("settings.tab") },
  ];
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("admin.settingsIndexTitle")}</h1>
      <SectionTabs label={t("admin.settingsIndexTitle")} tabs={tabs} />
      <p className="text-slate-600">{t("admin.indexHint")}</p>
      <ul className="grid gap-3 sm:grid-cols-2">
        {tabs.map((tab) => (
          <li key={tab.href}>
            <Link href={tab.href} className="block rounded-lg border border-slate-200 bg-white p-4 font-medium text-brand-700 hover:bg-slate-50">
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
