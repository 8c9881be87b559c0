import Link from "next/link";
import { SETTINGS_SECTIONS, SettingsTabs } from "@/components/admin/settings-tabs";
import { getTranslations } from "@/i18n/server";

export async function generateMetadata() {
  return { title: (await getTranslations("admin.nav"))("settings") };
}

/** Admin → Settings: one tab per module (payments, logistics, lifecycle). */
export default async function AdminSettingsIndex() {
  const t = await getTranslations("admin.settings");
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <SettingsTabs />
      <p className="text-slate-600">{t("index")}</p>
      <ul className="grid gap-3 sm:grid-cols-2">
        {SETTINGS_SECTIONS.map((section) => (
          <li key={section}>
            <Link href={`/admin/settings/${section}`} className="block rounded-lg border border-slate-200 bg-white p-4 font-medium text-brand-700 hover:bg-slate-50">
              {t(`tabs.${section}`)}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
