"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { useTranslations } from "use-intl";
import { ChartFigure } from "@/components/ui/chart-figure";

/** Orders per day (China dates) as a small bar chart; a day without orders is a zero bar, so one day of data still reads. */
export function OrdersPerDayChart({ days }: { days: { day: string; orders: number }[] }) {
  const t = useTranslations("dashboard.chart");
  const data = days.map((d) => ({ ...d, label: d.day.slice(5) }));
  return (
    <ChartFigure caption={t("title")} height="h-48">
      <BarChart data={data}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" fontSize={11} />
        <YAxis allowDecimals={false} fontSize={11} width={32} />
        <Tooltip />
        <Bar dataKey="orders" name={t("orders")} fill="#2563eb" />
      </BarChart>
    </ChartFigure>
  );
}
