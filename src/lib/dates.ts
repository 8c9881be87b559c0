export const DISPLAY_TIME_ZONE = "Asia/Shanghai";

/** "2026-11-24 15:30" in China time, the way the shop's customers read dates. */
export function formatDateTime(value: Date | string, locale = "en"): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return new Intl.DateTimeFormat(locale === "zh-CN" ? "zh-CN" : "en-CA", {
    timeZone: DISPLAY_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  })
    .format(date)
    .replace(",", "");
}
