import { LifecycleSettingsForm } from "@/components/lifecycle/admin/lifecycle-settings-form";
import { SettingsHistory } from "@/components/admin/settings-history";
import { SettingsTabs } from "@/components/admin/settings-tabs";
import { getTranslations } from "@/i18n/server";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("lifecycle");
  return { title: t("settings.title") };
}

/** Admin Settings → Lifecycle: auto-ship delay, receipt and after-sale windows, time scale; with the change history. */
export default async function LifecycleSettingsPage() {
  const [t, caller] = await Promise.all([getTranslations("lifecycle.settings"), api()]);
  const [settings, history] = await Promise.all([caller.lifecycle.settings(), caller.lifecycle.settingsHistory()]);
  return (
    <div className="space-y-6">
      <SettingsTabs current="lifecycle" />
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <LifecycleSettingsForm value={settings} />
      <SettingsHistory changes={history} labels={["lifecycle.settings"]} />
    </div>
  );
}
