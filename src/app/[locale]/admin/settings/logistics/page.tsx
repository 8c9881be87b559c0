import { LogisticsSettingsForm } from "@/components/logistics/admin/logistics-settings-form";
import { SettingsHistory } from "@/components/admin/settings-history";
import { SettingsTabs } from "@/components/admin/settings-tabs";
import { getTranslations } from "@/i18n/server";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("logistics");
  return { title: t("admin.settings.title") };
}

/** Admin Settings → Logistics: courier assignment, fault rates, working hours, lookup limit; with the change history. */
export default async function LogisticsSettingsPage() {
  const [t, caller] = await Promise.all([getTranslations("logistics"), api()]);
  const [settings, history] = await Promise.all([caller.adminLogistics.settings(), caller.adminLogistics.settingsHistory()]);
  return (
    <div className="space-y-6">
      <SettingsTabs current="logistics" />
      <h1 className="text-2xl font-semibold">{t("admin.settings.title")}</h1>
      <LogisticsSettingsForm value={settings} />
      <SettingsHistory changes={history} labels={["logistics.admin.settings"]} valueLabels={{ assignmentStrategy: "logistics.admin.settings.strategies" }} />
    </div>
  );
}
