import Link from "next/link";

/** Server-rendered pagination: plain links that keep the other query parameters. */
export function Pagination({
  page,
  pageSize,
  total,
  basePath,
  params,
  labels,
}: {
  page: number;
  pageSize: number;
  total: number;
  basePath: string;
  params: Record<string, string | undefined>;
  labels: { nav: string; previous: string; next: string; pageOf: string };
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
    query.set("page", String(p));
    return `${basePath}?${query.toString()}`;
  };
  return (
    <nav aria-label={labels.nav} className="mt-6 flex items-center justify-between text-sm">
      {page > 1 ? (
        <Link className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100" href={href(page - 1)} rel="prev">
          {labels.previous}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-600">{labels.pageOf}</span>
      {page < pages ? (
        <Link className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100" href={href(page + 1)} rel="next">
          {labels.next}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
