import parsePrometheusTextFormat, { type PrometheusFamily, type PrometheusSample } from "parse-prometheus-text-format";

/** A parsed /metrics answer, read by family name and label subset. */
export type ParsedMetrics = { families: Map<string, PrometheusFamily> };

export function parseMetrics(text: string): ParsedMetrics {
  return { families: new Map(parsePrometheusTextFormat(text).map((family) => [family.name, family])) };
}

function matching(parsed: ParsedMetrics, name: string, labels: Record<string, string>): PrometheusSample[] {
  const family = parsed.families.get(name);
  if (!family) return [];
  return family.metrics.filter((sample) => Object.entries(labels).every(([key, value]) => sample.labels?.[key] === value));
}

/** The sum of a counter's or gauge's samples whose labels include `labels` (0 when none). */
export function valueOf(parsed: ParsedMetrics, name: string, labels: Record<string, string> = {}): number {
  return matching(parsed, name, labels).reduce((sum, sample) => sum + Number(sample.value), 0);
}

/** The summed observation count of a histogram's series whose labels include `labels`. */
export function histogramCount(parsed: ParsedMetrics, name: string, labels: Record<string, string> = {}): number {
  return matching(parsed, name, labels).reduce((sum, sample) => sum + Number(sample.count), 0);
}
