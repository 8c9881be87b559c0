import { chinaDayStart } from "./dates";

/**
 * The date range of every report tab (Admin → Reports): whole China days, both ends included,
 * the last 30 days unless the URL says otherwise, at most a year, and kept in the URL when
 * moving between tabs, so every tab answers for the same days.
 */
export const REPORT_DEFAULT_DAYS = 30;
const DAY = 86_400_000;
export const REPORT_MAX_DAYS = 366;

/** The China day (YYYY-MM-DD) `daysAgo` days before today. */
export function chinaDay(daysAgo = 0, now = Date.now()): string {
  return new Date(now + 8 * 3_600_000 - daysAgo * DAY).toISOString().slice(0, 10);
}

export function reportRange(params: { from?: string; to?: string }, now = Date.now()): { from: string; to: string } {
  const valid = (v?: string) => (v && chinaDayStart(v) ? v : undefined);
  let to = valid(params.to) ?? chinaDay(0, now);
  let from = valid(params.from) ?? new Date(Date.parse(to) - (REPORT_DEFAULT_DAYS - 1) * DAY).toISOString().slice(0, 10);
  if (from > to) [from, to] = [to, from];
  if (Date.parse(to) - Date.parse(from) > REPORT_MAX_DAYS * DAY) from = new Date(Date.parse(to) - REPORT_MAX_DAYS * DAY).toISOString().slice(0, 10);
  return { from, to };
}

/** Ranges longer than this are drawn one bar per week: a year is 53 bars instead of 366. */
export const REPORT_DAILY_MAX_DAYS = 92;

/** One bar per day up to about three months, per week beyond. */
export function reportInterval(range: { from: string; to: string }): "day" | "week" {
  return Date.parse(range.to) - Date.parse(range.from) > REPORT_DAILY_MAX_DAYS * DAY ? "week" : "day";
}

export const REPORT_TABS = ["payments", "logistics"] as const;
export type ReportTab = (typeof REPORT_TABS)[number];

/** A report tab's URL with the range it should show. */
export function reportHref(tab: ReportTab, range: { from: string; to: string }): string {
  return `/admin/reports/${tab}?${new URLSearchParams(range).toString()}`;
}
