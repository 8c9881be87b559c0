"use client";

import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { useTranslations } from "use-intl";
import { ChartFigure } from "@/components/ui/chart-figure";

type Props = { points: { time: string; count: number; errors: number; p95Ms: number | null }[] };

/** Requests and errors per minute (left axis) with the minute's p95 latency (right axis). */
export function RequestsChart({ points }: Props) {
  const t = useTranslations("monitoring.chart");
  return (
    <ChartFigure caption={t("caption")}>
      <LineChart data={points}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="time" fontSize={11} minTickGap={24} />
        <YAxis yAxisId="count" allowDecimals={false} fontSize={11} />
        <YAxis yAxisId="ms" orientation="right" fontSize={11} />
        <Tooltip />
        <Legend />
        {/* No animation: the page refreshes every few seconds and would replay it each time. */}
        <Line yAxisId="count" type="linear" dataKey="count" name={t("requests")} stroke="#2563eb" dot={false} isAnimationActive={false} />
        <Line yAxisId="count" type="linear" dataKey="errors" name={t("errors")} stroke="#e11d48" dot={false} isAnimationActive={false} />
        <Line yAxisId="ms" type="linear" dataKey="p95Ms" name={t("p95")} stroke="#d97706" dot={false} connectNulls isAnimationActive={false} />
      </LineChart>
    </ChartFigure>
  );
}
