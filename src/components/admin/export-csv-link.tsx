/**
 * "Export CSV": a plain download link (not a client-side navigation) to the list's CSV with the
 * filters it shows now; the gateway streams every matching row.
 */
export function ExportCsvLink({ href, label, hint }: { href: string; label: string; hint: string }) {
  return (
    <a href={href} download title={hint} data-testid="export-csv" className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50">
      {label}
    </a>
  );
}
