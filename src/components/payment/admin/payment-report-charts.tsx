"use client";

import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFigure } from "@/components/ui/chart-figure";
import { useLocale } from "use-intl";
import { formatMoney } from "@/lib/money";
import { PAYMENT_METHOD_KEYS, PAYMENT_STATUS_KEYS } from "@/lib/payment-ui";
import type { PaymentReportView } from "@/trpc/payment-types";

/** One bar of the charts: a day, or a week starting on that day. */
export type ReportPeriod = Pick<PaymentReportView["days"][number], "day" | "countByStatus" | "amountByMethod">;
import { usePaymentText } from "../payment-text";

const STATUS_COLOURS: Record<(typeof PAYMENT_STATUS_KEYS)[number], string> = {
  pending: "#f59e0b",
  processing: "#38bdf8",
  succeeded: "#10b981",
  failed: "#f43f5e",
  cancelled: "#94a3b8",
  expired: "#64748b",
  partially_refunded: "#6366f1",
  refunded: "#a855f7",
};
const METHOD_COLOURS: Record<(typeof PAYMENT_METHOD_KEYS)[number], string> = { alipay: "#1677ff", wechat_pay: "#07c160", card: "#f97316", balance: "#8b5cf6" };

/** Charts of the payment report (recharts): counts per day (or week) stacked by status, amounts by method. */
export function PaymentReportCharts({ periods, interval }: { periods: ReportPeriod[]; interval: "day" | "week" }) {
  const { t } = usePaymentText();
  const locale = useLocale();
  const counts = periods.map((d) => ({ day: d.day.slice(5), ...d.countByStatus }));
  const amounts = periods.map((d) => ({ day: d.day.slice(5), ...Object.fromEntries(PAYMENT_METHOD_KEYS.map((m) => [m, d.amountByMethod[m] / 100])) }));
  const weekly = interval === "week";
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <ChartFigure caption={t(weekly ? "admin.reports.countsByStatusWeekly" : "admin.reports.countsByStatus")} height="h-72">
        <BarChart data={counts}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" fontSize={12} />
          <YAxis allowDecimals={false} fontSize={12} />
          <Tooltip />
          <Legend />
          {PAYMENT_STATUS_KEYS.map((s) => (
            <Bar key={s} dataKey={s} name={t(`status.${s}`)} stackId="status" fill={STATUS_COLOURS[s]} />
          ))}
        </BarChart>
      </ChartFigure>
      <ChartFigure caption={t(weekly ? "admin.reports.amountsByMethodWeekly" : "admin.reports.amountsByMethod")} height="h-72">
        <LineChart data={amounts}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" fontSize={12} />
          <YAxis fontSize={12} />
          <Tooltip formatter={(value) => formatMoney(Math.round(Number(value) * 100), "CNY", locale)} />
          <Legend />
          {PAYMENT_METHOD_KEYS.map((m) => (
            <Line key={m} type="linear" dataKey={m} name={t(`method.${m}`)} stroke={METHOD_COLOURS[m]} strokeWidth={2} dot={false} />
          ))}
        </LineChart>
      </ChartFigure>
    </div>
  );
}
