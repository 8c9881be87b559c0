import Link from "next/link";
import { EmptyState } from "@/components/ui/states";
import { cn } from "@/lib/cn";
import type { SortState } from "@/lib/list-sort";

export type Column<Row> = {
  id: string;
  header: string;
  /** Numbers read best right-aligned. */
  align?: "left" | "right";
  className?: string;
  cell: (row: Row) => React.ReactNode;
  /** A sortable column: its header links to the list sorted by it (see src/lib/list-sort.ts). */
  sort?: { href: string; state: SortState };
};

/**
 * A server-rendered table for admin lists: columns are data (header + cell renderer), so every
 * list shares the same markup, scrolling and empty state. Sorting (header links), filtering and paging happen
 * on the server and arrive through the URL, so no client-side table state is needed.
 */
export function DataTable<Row>({
  label,
  rows,
  rowKey,
  columns,
  empty,
}: {
  label: string;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  columns: Column<Row>[];
  /** Title of the empty state shown instead of an empty table. */
  empty: string;
}) {
  if (rows.length === 0) return <EmptyState title={empty} />;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-left text-sm" aria-label={label}>
        <thead className="bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            {columns.map((column) => (
              <th
                key={column.id}
                scope="col"
                aria-sort={column.sort ? column.sort.state : undefined}
                className={cn("px-3 py-2", column.align === "right" && "text-right")}
              >
                {column.sort ? (
                  <Link href={column.sort.href} className="inline-flex items-center gap-1 uppercase hover:text-slate-800">
                    {column.header}
                    <span aria-hidden="true">{column.sort.state === "ascending" ? "▲" : column.sort.state === "descending" ? "▼" : "↕"}</span>
                  </Link>
                ) : (
                  column.header
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className="border-t border-slate-100 align-top">
              {columns.map((column) => (
                <td key={column.id} className={cn("px-3 py-2", column.align === "right" && "text-right tabular-nums", column.className)}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
