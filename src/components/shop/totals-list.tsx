/** A totals block (items, shipping, total); labels and amounts come formatted from the caller. */
export function TotalsList({ rows, label }: { rows: { label: string; value: string; emphasis?: boolean; testId?: string }[]; label: string }) {
  return (
    <dl aria-label={label} className="space-y-2 text-sm">
      {rows.map((row) => (
        <div
          key={row.label}
          className={row.emphasis ? "flex justify-between border-t border-slate-200 pt-2 text-base font-semibold" : "flex justify-between text-slate-700"}
        >
          <dt>{row.label}</dt>
          <dd data-testid={row.testId}>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
