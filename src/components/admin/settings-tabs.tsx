import { SectionTabs } from "@/components/admin/section-tabs";
import { getTranslations } from "@/i18n/server";

export const SETTINGS_SECTIONS = ["payments", "logistics", "lifecycle", "api", "logs"] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];

/** The Settings tabs, one per module, on the index and on every module's settings page. */
export async function SettingsTabs({ current }: { current?: SettingsSection }) {
  const t = await getTranslations("admin.settings");
  return (
    <SectionTabs
      label={t("title")}
      current={current && `/admin/settings/${current}`}
      tabs={SETTINGS_SECTIONS.map((section) => ({ href: `/admin/settings/${section}`, label: t(`tabs.${section}`) }))}
    />
  );
}
