import { Card } from "@/components/ui/card";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatDateTime } from "@/lib/dates";
import { settingsDiff, type SettingsValue } from "@/lib/settings-diff";

type SettingsChange = { id: number; createdAt: Date; changedBy: string | null; before: Record<string, unknown>; after: Record<string, unknown> };
type Lookup = { has(key: string): boolean; (key: string): string };

/**
 * What changed in a settings store, newest first: when, who, and each changed setting as
 * "label: old → new" in the reader's language; the stored JSON stays in a details disclosure.
 * `labels` are the catalog paths that name the store's fields (the settings form's labels, then
 * e.g. the payment method names for `methods.card.enabled`); `valueLabels` name a field's
 * values (catalog path per field key, e.g. the courier assignment strategies).
 */
export async function SettingsHistory({ changes, labels = [], valueLabels = {} }: { changes: SettingsChange[]; labels?: string[]; valueLabels?: Record<string, string> }) {
  const [t, locale] = await Promise.all([getTranslations("admin.settings.history"), getLocale()]);
  const fieldCatalogs = (await Promise.all([...labels, "admin.settings.history.fields"].map((path) => getTranslations(path as never)))) as unknown as Lookup[];
  const valueCatalogs = Object.fromEntries(
    await Promise.all(Object.entries(valueLabels).map(async ([field, path]) => [field, (await getTranslations(path as never)) as unknown as Lookup] as const)),
  );
  const segmentLabel = (segment: string) => fieldCatalogs.find((c) => c.has(segment))?.(segment) ?? segment;
  const valueText = (field: string, value: SettingsValue) => {
    if (value === null || value === undefined) return t("noValue");
    if (typeof value === "boolean") return value ? t("on") : t("off");
    if (typeof value === "number") return value.toLocaleString(locale);
    const catalog = valueCatalogs[field];
    return catalog?.has(value) ? catalog(value) : value;
  };
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
            <li key={change.id} data-testid="settings-change">
              <span className="text-slate-600">{t("changedBy", { date: formatDateTime(change.createdAt, locale), who: change.changedBy ?? t("system") })}</span>
              <ul className="ml-4 list-disc">
                {settingsDiff(change.before, change.after).map(({ path, before, after }) => (
                  <li key={path.join(".")}>
                    {path.map(segmentLabel).join(" › ")}: {valueText(path.at(-1)!, before)} → {valueText(path.at(-1)!, after)}
                  </li>
                ))}
              </ul>
              <details className="text-xs text-slate-500">
                <summary className="cursor-pointer select-none">{t("rawJson")}</summary>
                <code className="block font-mono break-all whitespace-pre-wrap">{JSON.stringify({ before: change.before, after: change.after })}</code>
              </details>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
