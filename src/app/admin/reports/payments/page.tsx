import { PaymentReportCharts } from "@/components/payment/admin/payment-report-charts";
import { FilterInput } from "@/components/admin/filter-form";
import { SectionTabs } from "@/components/admin/section-tabs";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getLocale, getTranslations } from "@/i18n/server";
import { chinaDayStart } from "@/lib/dates";
import { formatMoney } from "@/lib/money";
import { firstParams, type RawSearchParams } from "@/lib/search-params";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  return { title: (await getTranslations("payment.admin.reports"))("title") };
}

/** Today in China time as YYYY-MM-DD, minus some days. */
function chinaDay(daysAgo = 0): string {
  return new Date(Date.now() + 8 * 3600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

/** Admin → Reports → Payments: per-day counts and amounts by status and method, success and refund rates. */
export default async function PaymentReportPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params = firstParams(await searchParams);
  const [t, locale, caller] = await Promise.all([getTranslations("payment"), getLocale(), api()]);
  let from = params.from && chinaDayStart(params.from) ? params.from : chinaDay(13);
  let to = params.to && chinaDayStart(params.to) ? params.to : chinaDay();
  if (from > to) [from, to] = [to, from];
  if (Date.parse(to) - Date.parse(from) > 366 * 86_400_000) from = new Date(Date.parse(to) - 366 * 86_400_000).toISOString().slice(0, 10);
  const report = await caller.adminPayment.report({ from, to });
  const percent = (value: number | null) => (value === null ? t("admin.reports.notAvailable") : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value));
  const money = (minor: number) => formatMoney(minor, "CNY", locale);

  return (
    <div className="space-y-5">
      <SectionTabs
        label={t("admin.reportsIndexTitle")}
        current="/admin/reports/payments"
        tabs={[
          { href: "/admin/reports/payments", label: t("admin.sections.payments") },
          { href: "/admin/reports/logistics", label: t("admin.sections.logistics") },
        ]}
      />
      <h1 className="text-2xl font-semibold">{t("admin.reports.title")}</h1>
      <form aria-label={t("admin.reports.range")} className="flex flex-wrap items-end gap-3" action="/admin/reports/payments">
        <FilterInput label={t("admin.reports.from")} name="from" type="date" defaultValue={from} />
        <FilterInput label={t("admin.reports.to")} name="to" type="date" defaultValue={to} />
        <button type="submit" className={buttonClass("primary")}>
          {t("admin.reports.show")}
        </button>
      </form>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-5">
        {[
          [t("admin.reports.payments"), String(report.totals.count)],
          [t("admin.reports.captured"), money(report.totals.capturedMinor)],
          [t("admin.reports.refunded"), money(report.totals.refundedMinor)],
          [t("admin.reports.successRate"), percent(report.totals.successRate)],
          [t("admin.reports.refundRate"), percent(report.totals.refundRate)],
        ].map(([label, value]) => (
          <Card key={label} className="p-4">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="text-xl font-semibold tabular-nums">{value}</dd>
          </Card>
        ))}
      </dl>
      {report.totals.count === 0 ? <p className="text-slate-600">{t("admin.reports.empty")}</p> : <PaymentReportCharts report={report} />}
      <Card aria-labelledby="by-method">
        <h2 id="by-method" className="mb-3 font-medium">
          {t("admin.reports.byMethod")}
        </h2>
        <table className="min-w-full text-sm">
          <thead className="text-left text-slate-600">
            <tr>
              <th className="py-1">{t("admin.reports.method")}</th>
              <th className="py-1 text-right">{t("admin.reports.count")}</th>
              <th className="py-1 text-right">{t("admin.reports.captured")}</th>
              <th className="py-1 text-right">{t("admin.reports.successRate")}</th>
            </tr>
          </thead>
          <tbody>
            {report.byMethod.map((m) => (
              <tr key={m.method} className="border-t border-slate-100">
                <td className="py-1">{t(`method.${m.method}`)}</td>
                <td className="py-1 text-right tabular-nums">{m.count}</td>
                <td className="py-1 text-right tabular-nums">{money(m.capturedMinor)}</td>
                <td className="py-1 text-right tabular-nums">{percent(m.successRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
