/**
 * The metric names a PromQL expression reads. Enough PromQL for our dashboards and alerts:
 * strings, label matchers, ranges, grouping clauses, offsets and Grafana variables are
 * removed; what remains that is a name and not a function call, keyword or number is a metric.
 */
const KEYWORDS = new Set(["and", "or", "unless", "bool", "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "Inf", "NaN", "inf", "nan"]);

export function metricNamesIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ")
    .replace(/\boffset\s+-?[\dsmhdwy]+/g, " ")
    .replace(/\$\{?\w+\}?/g, " ");
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const before = stripped[match.index - 1] ?? " ";
    const after = stripped.slice(match.index + match[0].length).trimStart();
    if (/[\d.]/.test(before)) continue; // the exponent of 1e3, or a unit
    if (after.startsWith("(")) continue; // a function or aggregation
    if (KEYWORDS.has(match[0])) continue;
    names.add(match[0]);
  }
  return [...names];
}

/** The metric a Grafana template query reads (`label_values(metric{...}, label)` or an expression). */
export function metricNamesInTemplateQuery(query: string): string[] {
  const labelValues = /^\s*label_values\(\s*(.+),\s*\w+\s*\)\s*$/.exec(query);
  if (labelValues) return metricNamesIn(labelValues[1]!);
  const queryResult = /^\s*query_result\((.+)\)\s*$/.exec(query);
  return metricNamesIn(queryResult ? queryResult[1]! : query);
}

/**
 * The `expr` values of a Prometheus rules file, plain or as a block scalar (`|`, `>`, with
 * chomping indicators). Written for our rules files, which keep to that subset of YAML.
 */
export function ruleExpressions(yamlText: string): string[] {
  const lines = yamlText.split("\n");
  const expressions: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = /^(\s*)(?:- )?expr:\s*(.*)$/.exec(lines[i]!);
    if (!match) continue;
    const indent = match[1]!.length;
    const value = match[2]!.trim();
    if (!/^[|>][-+]?$/.test(value)) {
      expressions.push(value.replace(/^(['"])(.*)\1$/, "$2"));
      continue;
    }
    const block: string[] = [];
    while (i + 1 < lines.length && (lines[i + 1]!.trim() === "" || lines[i + 1]!.search(/\S/) > indent)) block.push(lines[++i]!);
    expressions.push(block.join("\n").trim());
  }
  return expressions;
}
