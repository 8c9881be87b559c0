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

/** An update's `set` with its values as placeholders, the key of its shape, and the values to execute it with. */
export type PlaceholderSet<T> = { shape: string; set: T; values: Record<string, unknown> };

/**
 * The `set` of an update, for building the update once per shape with `prepared`: each value
 * becomes a placeholder `set_<key>` (drizzle encodes it with its column, as it encodes the value
 * itself), a null stays a literal null and an undefined is left out (both are part of the
 * shape), and an SQL value cannot be a placeholder, so `null` is returned and the caller builds
 * the update per call. The SQL text and parameters are those of the update built with the values.
 * A column with an update default (`updated_at`) must be in `set`, or the build's time is kept.
 */
export function placeholderSet<T extends Record<string, unknown>>(set: T): PlaceholderSet<T> | null {
  const placeholders: Record<string, unknown> = {};
  const values: Record<string, unknown> = {};
  let shape = "";
  for (const key of Object.keys(set).sort()) {
    const value = set[key];
    if (value === undefined) continue;
    if (is(value, SQL)) return null;
    if (value === null) {
      placeholders[key] = null;
      shape += `${key}=null,`;
    } else {
      placeholders[key] = sql.placeholder(`set_${key}`);
      values[`set_${key}`] = value;
      shape += `${key},`;
    }
  }
  return { shape, set: placeholders as T, values };
}
