"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFigure } from "@/components/ui/chart-figure";
import { useLocale, useTranslations } from "use-intl";

type Props = {
  byDay: { day: string; shipments: number; delivered: number }[];
  byCarrier: { carrierCode: string; nameEn: string; nameZh: string; shipments: number; delivered: number }[];
};

/** Shipments per day and per carrier as bar charts (recharts). */
export function LogisticsCharts({ byDay, byCarrier }: Props) {
  const t = useTranslations("logistics.admin.reports");
  const locale = useLocale();
  const carriers = byCarrier.map((c) => ({ ...c, name: locale === "zh-CN" ? c.nameZh : c.nameEn }));
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <ChartFigure caption={t("perDay")}>
        <BarChart data={byDay}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" fontSize={11} />
          <YAxis allowDecimals={false} fontSize={11} />
          <Tooltip />
          <Legend />
          <Bar dataKey="shipments" name={t("shipments")} fill="#2563eb" />
          <Bar dataKey="delivered" name={t("delivered")} fill="#059669" />
        </BarChart>
      </ChartFigure>
      <ChartFigure caption={t("perCarrier")}>
        <BarChart data={carriers} layout="vertical">
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" allowDecimals={false} fontSize={11} />
          <YAxis type="category" dataKey="name" width={110} fontSize={11} />
          <Tooltip />
          <Legend />
          <Bar dataKey="shipments" name={t("shipments")} fill="#2563eb" />
          <Bar dataKey="delivered" name={t("delivered")} fill="#059669" />
        </BarChart>
      </ChartFigure>
    </div>
  );
}
