import { FilterForm, FilterInput, FilterSelect } from "@/components/admin/filter-form";
import { getTranslations } from "@/i18n/server";

export const LOG_LEVEL_OPTIONS = ["trace", "debug", "info", "warn", "error", "fatal"] as const;
export type LogLevelOption = (typeof LOG_LEVEL_OPTIONS)[number];
export type LogFilterValues = { from?: string; to?: string; level?: LogLevelOption; requestId?: string; userId?: string; route?: string; text?: string };

/** Admin → Logs filters as a plain GET form: every search is a URL to share or reload. */
export async function LogFilters({ values }: { values: LogFilterValues }) {
  const t = await getTranslations("logs");
  return (
    <FilterForm label={t("filters")} action="/admin/logs" className="sm:grid-cols-2 lg:grid-cols-4">
      <FilterInput label={t("requestId")} name="requestId" defaultValue={values.requestId} />
      <FilterInput label={t("text")} name="text" type="search" defaultValue={values.text} />
      <FilterSelect
        label={t("level")}
        name="level"
        defaultValue={values.level}
        anyLabel={t("anyLevel")}
        options={LOG_LEVEL_OPTIONS.map((level) => ({ value: level, label: t("levelAtLeast", { level: t(`levels.${level}`) }) }))}
      />
      <FilterInput label={t("route")} name="route" defaultValue={values.route} />
      <FilterInput label={t("userId")} name="userId" defaultValue={values.userId} />
      <FilterInput label={t("from")} name="from" type="datetime-local" defaultValue={values.from} />
      <FilterInput label={t("to")} name="to" type="datetime-local" defaultValue={values.to} />
    </FilterForm>
  );
}
