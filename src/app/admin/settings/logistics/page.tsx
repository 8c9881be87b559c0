import { LogisticsSettingsForm } from "@/components/logistics/admin/logistics-settings-form";
import { Card } from "@/components/ui/card";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("logistics");
  return { title: t("admin.settings.title") };
}

/** Admin Settings → Logistics: courier assignment, fault rates, working hours, lookup limit; with the change history. */
export default async function LogisticsSettingsPage() {
  const [t, locale, caller] = await Promise.all([getTranslations("logistics"), getLocale(), api()]);
  const [settings, history] = await Promise.all([caller.adminLogistics.settings(), caller.adminLogistics.settingsHistory()]);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("admin.settings.title")}</h1>
      <LogisticsSettingsForm value={settings} />
      <Card>
        <h2 className="mb-2 font-medium">{t("admin.settings.history")}</h2>
        {history.length === 0 ? (
          <p className="text-sm text-slate-500">{t("admin.settings.historyEmpty")}</p>
        ) : (
          <ul className="space-y-1 text-xs text-slate-600">
            {history.map((h) => (
              <li key={h.id}>
                {formatDateTime(h.createdAt, locale)} ·{" "}
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
