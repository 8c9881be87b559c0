import { is } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { statementDbFor, type DbOrTx } from "./client";

type Executable = { execute(placeholders?: Record<string, unknown>): Promise<unknown> };

const built = new WeakMap<object, Map<string, Executable>>();

/**
 * A hot statement built once per database handle and then only executed with its
 * placeholders (`sql.placeholder("id")`). Building a drizzle query — walking the select shape,
 * checking every part's kind, rendering the SQL text — cost about a fifth of a small
 * request's CPU; a prepared query skips all of it. Drizzle binds a prepared query to the pool
 * it was built on, so inside a transaction the statement is built for that transaction each
 * time, exactly as an unprepared query would be. Outside a transaction it runs on the
 * process's statement pool (statementDbFor).
 *
 *   const q = prepared(db, "session-by-id", (d) => d.select().from(t).where(eq(t.id, sql.placeholder("id"))).prepare("session-by-id"));
 *   const rows = await q.execute({ id });
 */
export function prepared<Q extends Executable>(db: DbOrTx, name: string, build: (db: DbOrTx) => Q): Q {
  if (is(db, PgTransaction)) return build(db);
  db = statementDbFor(db);
  let byName = built.get(db);
  if (!byName) built.set(db, (byName = new Map()));
  let query = byName.get(name);
  if (!query) byName.set(name, (query = build(db)));
  return query as Q;
}
