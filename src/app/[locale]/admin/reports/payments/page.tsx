import { PaymentReportCharts } from "@/components/payment/admin/payment-report-charts";
import { FilterInput } from "@/components/admin/filter-form";
import { ReportTabs } from "@/components/admin/report-tabs";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getLocale, getTranslations } from "@/i18n/server";
import { formatMoney } from "@/lib/money";
import { reportInterval, reportRange } from "@/lib/report-range";
import { firstParams, type RawSearchParams } from "@/lib/search-params";
import { api } from "@/trpc/server";

export async function generateMetadata() {
  return { title: (await getTranslations("payment.admin.reports"))("title") };
}

/** Admin → Reports → Payments: per-day counts and amounts by status and method, success rates by final outcome and by attempt, refund rate. */
export default async function PaymentReportPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const params = firstParams(await searchParams);
  const [t, locale, caller] = await Promise.all([getTranslations("payment"), getLocale(), api()]);
  const { from, to } = reportRange(params);
  const interval = reportInterval({ from, to });
  const report = await caller.adminPayment.report({ from, to, interval });
  // The charts get only what they draw: the client component's props travel in the page.
  const periods = report.days.map(({ day, countByStatus, amountByMethod }) => ({ day, countByStatus, amountByMethod }));
  const percent = (value: number | null) => (value === null ? t("admin.reports.notAvailable") : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value));
  const money = (minor: number) => formatMoney(minor, "CNY", locale);

  return (
    <div className="space-y-5">
      <ReportTabs current="payments" range={{ from, to }} />
      <h1 className="text-2xl font-semibold">{t("admin.reports.title")}</h1>
      <form aria-label={t("admin.reports.range")} className="flex flex-wrap items-end gap-3" action="/admin/reports/payments">
        <FilterInput label={t("admin.reports.from")} name="from" type="date" defaultValue={from} />
        <FilterInput label={t("admin.reports.to")} name="to" type="date" defaultValue={to} />
        <button type="submit" className={buttonClass("primary")}>
          {t("admin.reports.show")}
        </button>
      </form>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        {[
          { label: t("admin.reports.payments"), value: String(report.totals.count) },
          { label: t("admin.reports.captured"), value: money(report.totals.capturedMinor) },
          { label: t("admin.reports.refunded"), value: money(report.totals.refundedMinor) },
          { label: t("admin.reports.successRate"), value: percent(report.totals.successRate), hint: t("admin.reports.successRateHint"), testId: "success-rate-outcome" },
          { label: t("admin.reports.successRateByAttempt"), value: percent(report.totals.successRateByAttempt), hint: t("admin.reports.successRateByAttemptHint"), testId: "success-rate-attempt" },
          { label: t("admin.reports.refundRate"), value: percent(report.totals.refundRate) },
        ].map(({ label, value, hint, testId }) => (
          <Card key={label} className="p-4">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className="text-xl font-semibold tabular-nums" data-testid={testId}>
              {value}
            </dd>
            {hint && <dd className="mt-1 text-xs text-slate-500">{hint}</dd>}
          </Card>
        ))}
      </dl>
      <p className="text-xs text-slate-500">{t("admin.reports.rollupNote")}</p>
      {report.totals.count === 0 ? <p className="text-slate-600">{t("admin.reports.empty")}</p> : <PaymentReportCharts periods={periods} interval={interval} />}
      <Card aria-labelledby="by-method">
        <h2 id="by-method" className="mb-3 font-medium">
          {t("admin.reports.byMethod")}
        </h2>
        <table className="min-w-full text-sm">
          <thead className="text-left text-slate-600">
            <tr>
              <th className="py-1">{t("admin.reports.method")}</th>
              <th className="py-1 text-right">{t("admin.reports.count")}</th>
              <th className="py-1 text-right">{t("admin.reports.attempts")}</th>
              <th className="py-1 text-right">{t("admin.reports.captured")}</th>
              <th className="py-1 text-right">{t("admin.reports.successRate")}</th>
              <th className="py-1 text-right">{t("admin.reports.successRateByAttempt")}</th>
            </tr>
          </thead>
          <tbody>
            {report.byMethod.map((m) => (
              <tr key={m.method} className="border-t border-slate-100">
                <td className="py-1">{t(`method.${m.method}`)}</td>
                <td className="py-1 text-right tabular-nums">{m.count}</td>
                <td className="py-1 text-right tabular-nums">{m.attempts}</td>
                <td className="py-1 text-right tabular-nums">{money(m.capturedMinor)}</td>
                <td className="py-1 text-right tabular-nums">{percent(m.successRate)}</td>
                <td className="py-1 text-right tabular-nums">{percent(m.successRateByAttempt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
