import { LogSettingsForm } from "@/components/admin/log-settings-form";
import { SettingsHistory } from "@/components/admin/settings-history";
import { SettingsTabs } from "@/components/admin/settings-tabs";
import { getTranslations } from "@/i18n/server";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("logs.settings");
  return { title: t("title") };
}

/** Admin Settings → Logs: how long the log store keeps lines, with the change history. */
export default async function LogSettingsPage() {
  const [t, caller] = await Promise.all([getTranslations("logs.settings"), api()]);
  const [settings, history] = await Promise.all([caller.adminLogs.settings(), caller.adminLogs.settingsHistory()]);
  return (
    <div className="space-y-6">
      <SettingsTabs current="logs" />
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <LogSettingsForm value={settings} />
      <SettingsHistory changes={history} labels={["logs.settings"]} />
    </div>
  );
}
