import cronstrue from "cronstrue/i18n";

/** cronstrue's locale names for ours. */
const CRONSTRUE_LOCALE = { en: "en", "zh-CN": "zh_CN" } as const;

/**
 * A cron expression as a person reads it ("Every 2 seconds", "每隔 2 秒"), in English or
 * 简体中文, by cronstrue (a maintained library with a zh_CN locale). Our local scheduler's crons
 * have six fields (seconds first), Inngest's five; cronstrue reads both. An expression it
 * cannot read gives null, and the page shows the raw string alone.
 */
export function describeCron(expression: string, locale: string): string | null {
  try {
    return cronstrue.toString(expression, {
      locale: locale === "zh-CN" ? CRONSTRUE_LOCALE["zh-CN"] : CRONSTRUE_LOCALE.en,
      use24HourTimeFormat: true,
      throwExceptionOnParseError: true,
    });
  } catch {
    return null;
  }
}
