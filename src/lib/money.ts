/**
 * Money travels as integer minor units (fen) plus an ISO currency code; it becomes a decimal
 * string only here, at the edge, for people to read.
 */
export function formatMoney(minor: number, currency = "CNY", locale = "en"): string {
  return moneyFormat(locale, currency).format(minor / 100);
}

/**
 * One formatter per language and currency, made once: building an Intl formatter costs far more
 * than formatting with it, and a page formats dozens of amounts (docs/performance.md, round 11).
 */
const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(locale: string, currency: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: "narrowSymbol" });
    moneyFormats.set(key, format);
  }
  return format;
}

/** The largest amount a money column (PostgreSQL `integer`) holds, in minor units: ¥21,474,836.47. */
export const MAX_MINOR_UNITS = 2_147_483_647;

/** Parses "12.34" into 1234 without floating-point drift; null when it is not an amount. */
export function parseMoney(text: string): number | null {
  const match = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}
