import { ApiSettingsForm } from "@/components/admin/api-settings-form";
import { SettingsHistory } from "@/components/admin/settings-history";
import { SettingsTabs } from "@/components/admin/settings-tabs";
import { getTranslations } from "@/i18n/server";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("admin.settings.api");
  return { title: t("title") };
}

/** Admin Settings → API: the request rate limit, with the change history. */
export default async function ApiSettingsPage() {
  const [t, caller] = await Promise.all([getTranslations("admin.settings.api"), api()]);
  const [settings, history] = await Promise.all([caller.adminApi.settings(), caller.adminApi.settingsHistory()]);
  return (
    <div className="space-y-6">
      <SettingsTabs current="api" />
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <ApiSettingsForm value={settings} />
      <SettingsHistory changes={history} labels={["admin.settings.api"]} />
    </div>
  );
}
