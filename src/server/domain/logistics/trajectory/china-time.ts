/**
 * Working hours are China Standard Time (UTC+8, no daylight saving), whatever the server's
 * zone. Times are plain Dates; these helpers read and set the hour of day in UTC+8.
 */
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 24 * 3_600_000;

/** Hours since midnight (fractional) in China time. */
export function chinaHourOfDay(date: Date): number {
  return (((date.getTime() + OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS / 3_600_000;
}

/** The instant at `hour` (fractional) China time on the same China calendar day as `date`. */
export function atChinaHour(date: Date, hour: number): Date {
  const local = date.getTime() + OFFSET_MS;
  const midnight = local - ((local % DAY_MS) + DAY_MS) % DAY_MS;
  return new Date(midnight - OFFSET_MS + hour * 3_600_000);
}

export type WorkingHours = { start: number; end: number };

export function isWithinWorkingHours(date: Date, hours: WorkingHours): boolean {
  const h = chinaHourOfDay(date);
  return h >= hours.start && h < hours.end;
}

/**
 * The first instant at or after `date` that leaves `needHours` of working time that day;
 * otherwise the next day's opening plus `openingOffsetHours`.
 */
export function nextWorkingInstant(date: Date, hours: WorkingHours, needHours = 0, openingOffsetHours = 0): Date {
  const h = chinaHourOfDay(date);
  if (h >= hours.start && h + needHours < hours.end) return date;
  const base = h < hours.start ? date : new Date(date.getTime() + DAY_MS);
  return atChinaHour(base, hours.start + openingOffsetHours);
}

export const HOUR_MS = 3_600_000;
