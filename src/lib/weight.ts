/** "320 g" or "1.1 kg" (localised unit names), from a weight in grams. */
export function formatWeight(grams: number, locale = "en"): string {
  const kilos = grams >= 1000;
  return new Intl.NumberFormat(locale, {
    style: "unit",
    unit: kilos ? "kilogram" : "gram",
    unitDisplay: "short",
    maximumFractionDigits: kilos ? 2 : 0,
  }).format(kilos ? grams / 1000 : grams);
}
