import { LogisticsCharts } from "@/components/logistics/admin/logistics-charts";
import { SHIPMENT_STATUS_NAMES } from "@/components/logistics/types";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/states";
import { getLocale, getTranslations } from "@/i18n/server";
import { ReportTabs } from "@/components/admin/report-tabs";
import { formatMoney } from "@/lib/money";
import { reportRange } from "@/lib/report-range";
import { firstParams, type RawSearchParams } from "@/lib/search-params";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  const t = await getTranslations("logistics");
  return { title: t("admin.reports.title") };
}

const DAY = 86_400_000;

/** Admin Reports → Logistics: the statistics for a date range (China days) as figures, charts and tables. */
export default async function LogisticsReportPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const [params, t, locale, caller] = await Promise.all([searchParams.then((raw) => firstParams(raw)), getTranslations("logistics"), getLocale(), api()]);
  const { from: fromDay, to: toDay } = reportRange(params);
  const from = new Date(`${fromDay}T00:00:00+08:00`);
  const to = new Date(new Date(`${toDay}T00:00:00+08:00`).getTime() + DAY);
  const stats = from < to ? await caller.adminLogistics.stats({ from, to }) : null;
  const pct = (v: number | null) => (v === null ? t("admin.reports.na") : `${(v * 100).toFixed(1)}%`);
  const hours = (v: number | null) => (v === null ? t("admin.reports.na") : t("admin.reports.hours", { hours: v.toFixed(1) }));
  const money = (fen: number) => formatMoney(fen, "CNY", locale);
  const statusName = (s: string) => (SHIPMENT_STATUS_NAMES.includes(s as never) ? t(`status.${s as "created"}`) : s);
  const field = "rounded-md border border-slate-300 px-3 py-2 text-sm";

  return (
    <div className="space-y-6">
      <ReportTabs current="logistics" range={{ from: fromDay, to: toDay }} />
      <h1 className="text-2xl font-semibold">{t("admin.reports.title")}</h1>
      <form action="/admin/reports/logistics" aria-label={t("admin.reports.range")} className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("admin.reports.from")}</span>
          <input type="date" name="from" defaultValue={fromDay} className={field} />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("admin.reports.to")}</span>
          <input type="date" name="to" defaultValue={toDay} className={field} />
        </label>
        <button type="submit" className={buttonClass()}>
          {t("admin.reports.show")}
        </button>
      </form>
      {!stats || stats.totals.shipments === 0 ? (
        <EmptyState title={t("admin.reports.empty")} />
      ) : (
        <>
          <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            {[
              [t("admin.reports.shipments"), String(stats.totals.shipments)],
              [t("admin.reports.delivered"), String(stats.totals.delivered)],
              [t("admin.reports.fees"), money(stats.totals.feesMinor)],
              [t("admin.reports.onTime"), pct(stats.totals.onTimeRate)],
              [t("admin.reports.failedRate"), pct(stats.totals.failedAttemptRate)],
              [t("admin.reports.avg"), hours(stats.totals.paidToDeliveredAvgHours)],
              [t("admin.reports.p90"), hours(stats.totals.paidToDeliveredP90Hours)],
            ].map(([label, value]) => (
              <div key={label} className="rounded-lg border border-slate-200 bg-white p-4">
                <dt className="text-xs text-slate-500">{label}</dt>
                <dd className="text-xl font-semibold">{value}</dd>
              </div>
            ))}
          </dl>
          <LogisticsCharts byDay={stats.byDay} byCarrier={stats.byCarrier} />
          <Card>
            <h2 className="mb-3 font-medium">{t("admin.reports.perCarrier")}</h2>
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm" aria-label={t("admin.reports.perCarrier")}>
                <thead className="text-xs uppercase text-slate-500">
                  <tr>
                    {(["carrier", "shipments", "delivered", "onTime", "fees", "failed"] as const).map((c) => (
                      <th key={c} className="py-2 pr-3">
                        {t(`admin.reports.columns.${c}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {stats.byCarrier.map((c) => (
                    <tr key={c.carrierCode} className="border-t border-slate-100">
                      <td className="py-2 pr-3">{locale === "zh-CN" ? c.nameZh : c.nameEn}</td>
                      <td className="py-2 pr-3">{c.shipments}</td>
                      <td className="py-2 pr-3">{c.delivered}</td>
                      <td className="py-2 pr-3">{pct(c.onTimeRate)}</td>
                      <td className="py-2 pr-3">{money(c.feesMinor)}</td>
                      <td className="py-2 pr-3">{c.withFailedAttempt}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
          <div className="grid gap-6 lg:grid-cols-2">
            <Card>
              <h2 className="mb-3 font-medium">{t("admin.reports.perStatus")}</h2>
              <table className="w-full text-left text-sm" aria-label={t("admin.reports.perStatus")}>
                <tbody>
                  {stats.byStatus.map((s) => (
                    <tr key={s.status} className="border-t border-slate-100">
                      <th scope="row" className="py-2 pr-3 font-normal">
                        {statusName(s.status)}
                      </th>
                      <td className="py-2">{s.shipments}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
            <Card>
              <h2 className="mb-3 font-medium">{t("admin.reports.perDay")}</h2>
              <table className="w-full text-left text-sm" aria-label={t("admin.reports.perDay")}>
                <thead className="text-xs uppercase text-slate-500">
                  <tr>
                    <th className="py-2 pr-3">{t("admin.reports.columns.day")}</th>
                    <th className="py-2 pr-3">{t("admin.reports.columns.shipments")}</th>
                    <th className="py-2 pr-3">{t("admin.reports.columns.delivered")}</th>
                    <th className="py-2">{t("admin.reports.columns.fees")}</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.byDay.map((d) => (
                    <tr key={d.day} className="border-t border-slate-100">
                      <td className="py-2 pr-3">{d.day}</td>
                      <td className="py-2 pr-3">{d.shipments}</td>
                      <td className="py-2 pr-3">{d.delivered}</td>
                      <td className="py-2">{money(d.feesMinor)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          </div>
        </>
      )}
    </div>
  );
}
