import parsePrometheusTextFormat, { type PrometheusFamily, type PrometheusSample } from "parse-prometheus-text-format";

/** A parsed /metrics answer, read by family name and label subset. */
export type ParsedMetrics = { families: Map<string, PrometheusFamily> };

/**
 * Parses the Prometheus text format. The parser folds every series of a labelled histogram
 * into one sample (labels lost), so histogram families are read without their TYPE and HELP
 * lines: each `_bucket`, `_sum` and `_count` series then comes back as a plain sample with
 * its labels. Families split that way are merged by name.
 */
export function parseMetrics(text: string): ParsedMetrics {
  const histograms = new Set([...text.matchAll(/^# TYPE (\S+) histogram$/gm)].map((m) => m[1]));
  const plain = text
    .split("\n")
    .filter((line) => !/^# (TYPE|HELP) (\S+)/.test(line) || !histograms.has(/^# (?:TYPE|HELP) (\S+)/.exec(line)![1]))
    .join("\n");
  const families = new Map<string, PrometheusFamily>();
  for (const family of parsePrometheusTextFormat(plain)) {
    const known = families.get(family.name);
    if (known) known.metrics.push(...family.metrics);
    else families.set(family.name, family);
  }
  return { families };
}

function matching(parsed: ParsedMetrics, name: string, labels: Record<string, string>): PrometheusSample[] {
  const family = parsed.families.get(name);
  if (!family) return [];
  return family.metrics.filter((sample) => Object.entries(labels).every(([key, value]) => sample.labels?.[key] === value));
}

/** The sum of the samples of `name` whose labels include `labels` (0 when none). */
export function valueOf(parsed: ParsedMetrics, name: string, labels: Record<string, string> = {}): number {
  return matching(parsed, name, labels).reduce((sum, sample) => sum + Number(sample.value), 0);
}

/** The summed observation count of a histogram's series whose labels include `labels`. */
export function histogramCount(parsed: ParsedMetrics, name: string, labels: Record<string, string> = {}): number {
  return valueOf(parsed, `${name}_count`, labels);
}
