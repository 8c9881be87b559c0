export const DISPLAY_TIME_ZONE = "Asia/Shanghai";

/**
 * "2026-11-24 15:30" in China time, the way the shop's customers read dates. The hour cycle is
 * explicit: `hour12: false` lets a locale pick h24, and en-CA then writes ten past midnight as
 * "24:10" (of the day before, in effect). h23 gives 00:00–23:59 in every locale.
 */
export function formatDateTime(value: Date | string, locale = "en"): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return (locale === "zh-CN" ? ZH_DATE_TIME : EN_DATE_TIME).format(date).replace(",", "");
}

// Made once: an Intl formatter with a time zone costs far more to build than to use, and pages
// format a date per row (docs/performance.md, round 11).
const DATE_TIME_OPTIONS: Intl.DateTimeFormatOptions = {
  timeZone: DISPLAY_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
};
const ZH_DATE_TIME = new Intl.DateTimeFormat("zh-CN", DATE_TIME_OPTIONS);
const EN_DATE_TIME = new Intl.DateTimeFormat("en-CA", DATE_TIME_OPTIONS);

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The instant a calendar day ("2026-11-24", as a date input gives it) starts in China time;
 * `nextDay` gives the start of the following day, for an exclusive upper bound. Undefined
 * when the text is not a real date.
 */
export function chinaDayStart(day: string | undefined, { nextDay = false } = {}): Date | undefined {
  const match = day ? DAY.exec(day) : null;
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  const check = new Date(utcMidnight);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return undefined;
  // China has no daylight saving time: its midnight is always 16:00 UTC of the day before.
  return new Date(utcMidnight - 8 * 3_600_000 + (nextDay ? 86_400_000 : 0));
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** A `datetime-local` value ("2026-11-24T15:30") read as China time; undefined when it is not one. */
export function chinaDateTime(value: string | undefined): Date | undefined {
  const match = value ? LOCAL_DATE_TIME.exec(value) : null;
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map((part) => Number(part ?? 0)) as number[];
  const utc = Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== d || h! > 23 || mi! > 59 || s! > 59 || y! < 1) return undefined;
  return new Date(utc - 8 * 3_600_000);
}
