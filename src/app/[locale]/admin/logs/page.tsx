import Link from "next/link";
import { LOG_LEVEL_OPTIONS, LogFilters, type LogFilterValues, type LogLevelOption } from "@/components/admin/logs/log-filters";
import { LogLines } from "@/components/admin/logs/log-lines";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { getTranslations } from "@/i18n/server";
import { chinaDateTime } from "@/lib/dates";
import { firstParams, type RawSearchParams } from "@/lib/search-params";
import { api, orNotFound } from "@/trpc/server";

const PAGE_SIZE = 50;
const CURSOR = /^\d{1,16}\.\d{1,19}$/;

export async function generateMetadata() {
  return { title: (await getTranslations("logs"))("title") };
}

const text = (value: string | undefined, max: number) => value?.trim().slice(0, max) || undefined;

/** Admin → Logs: the log store searched on the server, newest first, older pages by cursor; the filters live in the URL. */
export default async function AdminLogsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params = firstParams(await searchParams, 300);
  const [t, caller] = await Promise.all([getTranslations("logs"), api()]);
  const values: LogFilterValues = {
    from: chinaDateTime(params.from) ? params.from : undefined,
    to: chinaDateTime(params.to) ? params.to : undefined,
    level: LOG_LEVEL_OPTIONS.includes(params.level as LogLevelOption) ? (params.level as LogLevelOption) : undefined,
    requestId: text(params.requestId, 128),
    userId: text(params.userId, 128),
    route: text(params.route, 300),
    text: text(params.text, 200),
  };
  const cursor = params.cursor && CURSOR.test(params.cursor) ? params.cursor : undefined;
  const from = chinaDateTime(values.from);
  const to = chinaDateTime(values.to);
  const result = await orNotFound(
    caller.adminLogs.search({ ...values, from, to: from && to && to < from ? undefined : to, cursor, limit: PAGE_SIZE }),
    "/admin/logs",
  );
  const filtered = Object.values(values).some(Boolean);
  const query = (extra: Record<string, string | undefined>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...values, ...extra })) if (value) search.set(key, value);
    const string = search.toString();
    return `/admin/logs${string ? `?${string}` : ""}`;
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("showing", { count: result.items.length })}</p>
      </div>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <LogFilters values={values} />
      {result.items.length === 0 ? <EmptyState title={filtered || cursor ? t("empty") : t("emptyAll")} /> : <LogLines lines={result.items} />}
      <nav className="flex gap-2" aria-label={t("title")}>
        {cursor && (
          <Link href={query({})} className={buttonClass("secondary")}>
            {t("newest")}
          </Link>
        )}
        {result.nextCursor && (
          <Link href={query({ cursor: result.nextCursor })} className={buttonClass("secondary")}>
            {t("older")}
          </Link>
        )}
      </nav>
    </div>
  );
}
