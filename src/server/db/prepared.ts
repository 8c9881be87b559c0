import { is, SQL, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { statementDbFor, type DbOrTx } from "./client";
import { transactionRoute } from "./transaction-routes";

type Executable = { execute(placeholders?: Record<string, unknown>): Promise<unknown> };

const built = new WeakMap<object, Map<string, Executable>>();

/**
 * A hot statement built once per database handle and then only executed with its
 * placeholders (`sql.placeholder("id")`). Building a drizzle query — walking the select shape,
 * checking every part's kind, rendering the SQL text — cost about a fifth of a small
 * request's CPU; a prepared query skips all of it. Outside a transaction it runs on the
 * process's statement pool (statementDbFor). Inside one it is built once on the database's
 * routing handle and runs on the transaction's own connection (transaction-routes.ts); a
 * transaction without a route (a savepoint, one opened with options) builds it per call, as an
 * unprepared query would be.
 *
 * `build` must use only the handle it is given and take every value through a placeholder:
 * what it builds is reused by every later caller, in every transaction.
 *
 *   const q = prepared(db, "session-by-id", (d) => d.select().from(t).where(eq(t.id, sql.placeholder("id"))).prepare("session-by-id"));
 *   const rows = await q.execute({ id });
 */
export function prepared<Q extends Executable>(db: DbOrTx, name: string, build: (db: DbOrTx) => Q): Pick<Q, "execute"> {
  if (is(db, PgTransaction)) {
    const route = transactionRoute(db);
    if (!route) return build(db);
    const query = builtOn(route.db, name, build);
    return { execute: ((placeholders) => route.run(() => query.execute(placeholders))) as Q["execute"] };
  }
  return builtOn(statementDbFor(db), name, build);
}

function builtOn<Q extends Executable>(db: DbOrTx, name: string, build: (db: DbOrTx) => Q): Q {
  let byName = built.get(db);
  if (!byName) built.set(db, (byName = new Map()));
  let query = byName.get(name);
  if (!query) byName.set(name, (query = build(db)));
  return query as Q;
}

/**
 * An SQL expression whose values are placeholders, with those values: a value placeholderSet
 * keeps in an update built once (an SQL value otherwise makes the update be built per call).
 * `shape` names the expression in the update's shape; placeholder names must not clash with
 * the update's own (`set_<key>` and those of its WHERE).
 */
export class SqlWithValues {
  constructor(
    readonly shape: string,
    readonly sql: SQL,
    readonly values: Record<string, unknown>,
  ) {}
}

/** An update's `set` with its values as placeholders, the key of its shape, and the values to execute it with. */
export type PlaceholderSet<T> = { shape: string; set: Placed<T>; values: Record<string, unknown> };

/** A record whose SqlWithValues values are put in the statement as their SQL. */
type Placed<T> = { [K in keyof T]: T[K] extends infer V ? (V extends SqlWithValues ? SQL : V) : never };

/**
 * The `set` of an update, for building the update once per shape with `prepared`: each value
 * becomes a placeholder `set_<key>` (drizzle encodes it with its column, as it encodes the value
 * itself), a null stays a literal null and an undefined is left out (both are part of the
 * shape), and an SQL value cannot be a placeholder, so `null` is returned and the caller builds
 * the update per call (a SqlWithValues is kept in the statement). The SQL text and parameters are those of the update built with the values.
 * A column with an update default (`updated_at`) must be in `set`, or the build's time is kept.
 */
export function placeholderSet<T extends Record<string, unknown>>(set: T): PlaceholderSet<T> | null {
  const values: Record<string, unknown> = {};
  const shaped = placeholdersFor(set, "set_", values);
  return shaped && { shape: shaped.shape, set: shaped.record as Placed<T>, values };
}

/** Rows to insert with their values as placeholders, the key of their shape, and the values to execute the insert with. */
export type PlaceholderRows<T> = { shape: string; rows: T[]; values: Record<string, unknown> };

/**
 * The rows of an insert, for building the insert once per shape with `prepared`, as
 * placeholderSet does for an update's `set`: each value of row i becomes a placeholder
 * `<prefix>r<i>_<key>`, nulls stay literal and undefined values (the column's default) are left
 * out, both part of the shape, as is the number of rows. `null` when a value is SQL, or when
 * there are more than `maxRows` rows: a statement is kept for every shape seen, so a batch whose
 * length the data decides (an order's lines) is built per call past a small bound. Rows must not
 * rely on a column's `$defaultFn` (it would run once, at the build); the schema has none.
 */
export function placeholderRows<T extends Record<string, unknown>>(rows: T[], { prefix = "", maxRows = 8 } = {}): PlaceholderRows<T> | null {
  if (rows.length > maxRows) return null;
  const values: Record<string, unknown> = {};
  const placeholders: T[] = [];
  let shape = "";
  for (let i = 0; i < rows.length; i++) {
    const shaped = placeholdersFor(rows[i]!, `${prefix}r${i}_`, values);
    if (!shaped) return null;
    placeholders.push(shaped.record as T);
    shape += `[${shaped.shape}]`;
  }
  return { shape, rows: placeholders, values };
}

/** `record` with each value a placeholder named `<prefix><key>` (its value put in `values`), literal nulls kept, undefined left out; null if a value is SQL. */
function placeholdersFor(record: Record<string, unknown>, prefix: string, values: Record<string, unknown>): { shape: string; record: Record<string, unknown> } | null {
  const placeholders: Record<string, unknown> = {};
  let shape = "";
  for (const key of Object.keys(record).sort()) {
    const value = record[key];
    if (value === undefined) continue;
    if (is(value, SQL)) return null;
    if (value instanceof SqlWithValues) {
      placeholders[key] = value.sql;
      Object.assign(values, value.values);
      shape += `${key}=${value.shape},`;
    } else if (value === null) {
      // Literal: filled in through a placeholder, a null would be encoded by its column (JSON's "null").
      placeholders[key] = null;
      shape += `${key}=null,`;
    } else {
      placeholders[key] = sql.placeholder(`${prefix}${key}`);
      values[`${prefix}${key}`] = value;
      shape += `${key},`;
    }
  }
  return { shape, record: placeholders };
}
