"use client";

import { useLocale, useTranslations } from "use-intl";
import { cn } from "@/lib/cn";
import { formatDateTime } from "@/lib/dates";
import type { TrackingEventData } from "./types";

/** The checkpoints, newest first, as a vertical timeline with times and places. */
export function TrackingTimeline({ events }: { events: TrackingEventData[] }) {
  const t = useTranslations("logistics.tracking");
  const locale = useLocale();
  if (events.length === 0) return <p className="text-sm text-slate-500">{t("noEvents")}</p>;
  const newestFirst = [...events].reverse();
  return (
    <ol aria-label={t("timeline")} className="relative space-y-5 border-l-2 border-slate-200 pl-6">
      {newestFirst.map((event, index) => (
        <li key={event.id} className="relative">
          <span
            aria-hidden
            className={cn(
              "absolute -left-[33px] top-1 h-4 w-4 rounded-full border-2",
              index === 0 ? "border-brand-600 bg-brand-600" : "border-slate-300 bg-white",
            )}
          />
          <p className={cn("text-sm", index === 0 ? "font-medium text-slate-900" : "text-slate-700")}>{locale === "zh-CN" ? event.textZh : event.textEn}</p>
          <p className="mt-0.5 text-xs text-slate-500">
            <time dateTime={new Date(event.at).toISOString()}>{formatDateTime(event.at, locale)}</time> · {locale === "zh-CN" ? event.city : event.cityEn}
          </p>
        </li>
      ))}
    </ol>
  );
}
