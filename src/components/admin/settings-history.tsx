import { Card } from "@/components/ui/card";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";

type SettingsChange = { id: number; createdAt: Date; changedBy: string | null; before: Record<string, unknown>; after: Record<string, unknown> };

/** What changed in a settings store, newest first: when, who, and each changed field's old → new value. */
export async function SettingsHistory({ changes }: { changes: SettingsChange[] }) {
  const [t, locale] = await Promise.all([getTranslations("admin.settings.history"), getLocale()]);
  return (
    <Card aria-labelledby="settings-history">
      <h2 id="settings-history" className="mb-3 font-medium">
        {t("title")}
      </h2>
      {changes.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <ol className="space-y-2 text-sm">
          {changes.map((change) => (
            <li key={change.id}>
              <span className="text-slate-600">{t("changedBy", { date: formatDateTime(change.createdAt, locale), who: change.changedBy ?? t("system") })}</span>
              <span className="ml-2 font-mono text-xs">
                {Object.keys(change.after)
                  .filter((key) => JSON.stringify(change.after[key]) !== JSON.stringify(change.before[key]))
                  .map((key) => `${key}: ${JSON.stringify(change.before[key] ?? null)} → ${JSON.stringify(change.after[key])}`)
                  .join(", ")}
              </span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
