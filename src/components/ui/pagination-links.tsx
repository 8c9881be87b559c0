import Link from "next/link";

export type PaginationLabels = { label: string; previous: string; next: string; pageOf: (page: number, pages: number) => string };

/**
 * Previous / page n of m / next, as plain links that keep the list's other query parameters.
 * The labels come from the caller, so server pages (`Pagination`) and client components
 * (`useTranslations`) render the same links.
 */
export function PaginationLinks({
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
  labels: PaginationLabels;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
    query.set("page", String(p));
    return `${basePath}?${query.toString()}`;
  };
  const link = "rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100";
  return (
    <nav aria-label={labels.label} className="mt-6 flex items-center justify-between text-sm">
      {page > 1 ? (
        <Link className={link} href={href(page - 1)} rel="prev">
          {labels.previous}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-600">{labels.pageOf(page, pages)}</span>
      {page < pages ? (
        <Link className={link} href={href(page + 1)} rel="next">
          {labels.next}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
