import { LifecycleSettingsForm } from "@/components/lifecycle/admin/lifecycle-settings-form";
import { Card } from "@/components/ui/card";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("lifecycle");
  return { title: t("settings.title") };
}

/** Admin Settings → Lifecycle: auto-ship delay, receipt and after-sale windows, time scale; with the change history. */
export default async function LifecycleSettingsPage() {
  const [t, locale, caller] = await Promise.all([getTranslations("lifecycle.settings"), getLocale(), api()]);
  const [settings, history] = await Promise.all([caller.lifecycle.settings(), caller.lifecycle.settingsHistory()]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <LifecycleSettingsForm value={settings} />
      <Card>
        <h2 className="mb-2 font-medium">{t("history")}</h2>
        {history.length === 0 ? (
          <p className="text-sm text-slate-500">{t("historyEmpty")}</p>
        ) : (
          <ul className="space-y-1 text-xs text-slate-600">
            {history.map((h) => (
              <li key={h.id}>
                {formatDateTime(h.createdAt, locale)} · {h.namespace} ·{" "}
                {Object.keys(h.after)
                  .filter((k) => JSON.stringify(h.after[k]) !== JSON.stringify(h.before[k]))
                  .map((k) => `${k}: ${JSON.stringify(h.before[k] ?? null)} → ${JSON.stringify(h.after[k])}`)
                  .join(", ")}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
