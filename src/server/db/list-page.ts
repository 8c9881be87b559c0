import { and, asc, desc, sql, type AnyColumn, type SQL, type SQLWrapper } from "drizzle-orm";
import { decodeListCursor, encodeListCursor, type ListCursor } from "@/lib/list-cursor";
import type { DbOrTx } from "./client";

/**
 * Keyset pagination and honest totals for the admin lists, which must stay fast at millions of
 * rows. A page is found from the row next to it — `(sort key, id) < (cursor key, cursor id)`
 * walked along an index on (sort key, id) — never by skipping rows with OFFSET, so page 50 costs
 * what page 1 costs, and rows inserted meanwhile neither repeat nor vanish between pages.
 *
 * The total is exact when at most {@link EXACT_COUNT_CAP} rows match (a count that stops
 * there) and otherwise PostgreSQL's own estimate, marked as such: an exact count over a million
 * payments costs most of a second of database CPU for a number people read as "a lot".
 */

/** How a list is ordered: one sort column, then the id, both the same direction. */
export type KeysetSort = {
  /** The name in the URL (`sort=created_desc`); a cursor carries it. */
  name: string;
  key: AnyColumn;
  keyKind: "time" | "int";
  id: AnyColumn;
  direction: "asc" | "desc";
};

export type ListPageInput = {
  /** 1-based page number: read with OFFSET, for API callers who page by number. */
  page: number;
  pageSize: number;
  /** An opaque cursor from a previous page's `nextCursor`/`prevCursor`; wins over `page`. */
  cursor?: string;
};

export type ListPage<T> = {
  items: T[];
  page: number;
  pageSize: number;
  /** Opens the following page; null on the last page. */
  nextCursor: string | null;
  /** Opens the preceding page; null on the first page. */
  prevCursor: string | null;
};

export const EXACT_COUNT_CAP = 1000;
/** Above this many estimated rows a capped count is not even tried: the estimate is the answer. */
const ESTIMATE_ONLY_ABOVE = EXACT_COUNT_CAP * 10;

/** The sort key as the cursor holds it: microsecond ISO text for times (a JS Date keeps only milliseconds). */
export function cursorKeyOf(sort: KeysetSort): SQL<string | number> {
  return sort.keyKind === "time"
    ? sql<string>`to_char(${sort.key} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
    : sql<number>`${sort.key}`;
}

function keyValue(sort: KeysetSort, key: string | number): SQL {
  return sort.keyKind === "time" ? sql`${String(key)}::timestamptz` : sql`${Number(key)}::bigint`;
}

/** Rows strictly after (or before) the cursor's row in the sort's order. */
function beyond(sort: KeysetSort, cursor: ListCursor): SQL {
  const forward = cursor.dir === "after";
  const greater = (sort.direction === "asc") === forward;
  const left = sql`(${sort.key}, ${sort.id})`;
  const right = sql`(${keyValue(sort, cursor.key)}, ${cursor.id}::uuid)`;
  return greater ? sql`${left} > ${right}` : sql`${left} < ${right}`;
}

function orderOf(sort: KeysetSort, reverse: boolean): SQL[] {
  const ascending = (sort.direction === "asc") !== reverse;
  return ascending ? [asc(sort.key), asc(sort.id)] : [desc(sort.key), desc(sort.id)];
}

/** The cursor when it is well formed and belongs to this sort; anything else opens the first page. */
export function readCursor(text: string | undefined, sort: KeysetSort): ListCursor | null {
  if (!text) return null;
  const cursor = decodeListCursor(text);
  if (!cursor || cursor.sort !== sort.name) return null;
  if (sort.keyKind === "int" ? typeof cursor.key !== "number" : typeof cursor.key !== "string") return null;
  return cursor;
}

type Fetch<T> = (options: { where: SQL | undefined; orderBy: SQL[]; limit: number; offset: number }) => Promise<(T & { cursorKey: string | number; id: string })[]>;

/**
 * One page of a list. `fetch` runs the list's own query with the extra condition, order and
 * limit given here, selecting `cursorKey` ({@link cursorKeyOf}) and `id` beside its columns.
 */
export async function keysetPage<T>(sort: KeysetSort, input: ListPageInput, fetch: Fetch<T>): Promise<ListPage<T>> {
  const size = input.pageSize;
  const cursor = readCursor(input.cursor, sort);
  const strip = (rows: (T & { cursorKey: string | number })[]) => rows.map(({ cursorKey: _k, ...row }) => row as unknown as T);
  const make = (row: { cursorKey: string | number; id: string }, dir: ListCursor["dir"], page: number) =>
    encodeListCursor({ sort: sort.name, key: row.cursorKey, id: row.id, dir, page });

  if (cursor?.dir === "before") {
    const rows = await fetch({ where: beyond(sort, cursor), orderBy: orderOf(sort, true), limit: size + 1, offset: 0 });
    // Fewer rows than a page before the cursor: this is the first page (rows were removed or
    // inserted above it meanwhile), shown whole rather than short.
    if (rows.length > size) {
      const page = rows.slice(0, size).reverse();
      return {
        items: strip(page),
        page: Math.max(2, cursor.page),
        pageSize: size,
        prevCursor: make(page[0]!, "before", Math.max(1, cursor.page - 1)),
        nextCursor: make(page[page.length - 1]!, "after", cursor.page + 1),
      };
    }
    return keysetPage(sort, { page: 1, pageSize: size }, fetch);
  }

  const offset = cursor ? 0 : (input.page - 1) * size;
  const pageNo = cursor ? cursor.page : input.page;
  const rows = await fetch({ where: cursor ? beyond(sort, cursor) : undefined, orderBy: orderOf(sort, false), limit: size + 1, offset });
  const page = rows.slice(0, size);
  return {
    items: strip(page),
    page: pageNo,
    pageSize: size,
    prevCursor: pageNo > 1 && page.length > 0 ? make(page[0]!, "before", pageNo - 1) : null,
    nextCursor: rows.length > size ? make(page[page.length - 1]!, "after", pageNo + 1) : null,
  };
}

export type ListTotal = { total: number; totalIsEstimate: boolean };

/** PostgreSQL's estimate of how many rows a query returns (EXPLAIN's top row count). */
async function plannedRows(db: DbOrTx, query: SQLWrapper): Promise<number> {
  const result = (await db.execute(sql`explain (format json) ${query}`)) as unknown as { "QUERY PLAN": [{ Plan: { "Plan Rows": number } }] }[];
  return Math.round(result[0]?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0);
}

/** The table's row count as of its last analyze (−1 when never analyzed). */
async function tableRows(db: DbOrTx, table: string): Promise<number> {
  const result = (await db.execute(sql`select reltuples::float8 as n from pg_class where oid = to_regclass(${table})`)) as unknown as { n: number }[];
  return Math.round(result[0]?.n ?? -1);
}

/**
 * How many rows `query` (the list's query without order or limit) returns: exact up to
 * {@link EXACT_COUNT_CAP}, an estimate above it. Unfiltered lists ask the table's statistics
 * (`table`), filtered ones the planner; a capped count runs only where the estimate is small.
 */
export async function countMatching(db: DbOrTx, { query, table, filtered }: { query: SQLWrapper; table: string; filtered: boolean }): Promise<ListTotal> {
  const estimate = filtered ? await plannedRows(db, query) : await tableRows(db, table);
  if (estimate > ESTIMATE_ONLY_ABOVE) return { total: estimate, totalIsEstimate: true };
  const counted = (await db.execute(sql`select count(*)::int as n from (${query} limit ${EXACT_COUNT_CAP + 1}) capped`)) as unknown as { n: number }[];
  const n = counted[0]?.n ?? 0;
  if (n <= EXACT_COUNT_CAP) return { total: n, totalIsEstimate: false };
  return { total: Math.max(estimate, filtered ? 0 : await plannedRows(db, query), EXACT_COUNT_CAP + 1), totalIsEstimate: true };
}

/** The extra condition of a page query, combined with the list's filters. */
export function withPage(where: SQL | undefined, page: SQL | undefined): SQL | undefined {
  return page ? (where ? and(where, page) : page) : where;
}
