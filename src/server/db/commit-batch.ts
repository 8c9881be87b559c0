import { sql } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx, Tx } from "./client";
import { placeholderRows, prepared } from "./prepared";

type Row = Record<string, unknown>;

/** The rows queued in each open transaction, per table in the order they were queued. */
const batches = new WeakMap<object, Map<PgTable, Row[]>>();

/**
 * Inserts an append-only row (an audit row, an outbox event) as part of the transaction `db`
 * belongs to, in one statement with the transaction's other such rows, sent just before the
 * commit: a step that changes a payment and an order writes its two or three log rows and its
 * events in one round trip instead of one each. The rows commit with the change they describe
 * or not at all, exactly as if inserted at once, since nothing is committed before them.
 *
 * Only for rows nobody reads back in the same transaction (they are not there until the end)
 * and whose table's defaults need no statement of their own. Outside a transaction (or inside
 * a savepoint, whose rows must roll back with it) the row is inserted at once.
 */
export async function insertBeforeCommit<T extends PgTable>(db: DbOrTx, table: T, row: T["$inferInsert"]): Promise<void> {
  const batch = batches.get(db);
  if (!batch) {
    await db.insert(table).values(row);
    return;
  }
  const rows = batch.get(table);
  if (rows) rows.push(row);
  else batch.set(table, [row]);
}

/** Starts collecting the rows of insertBeforeCommit for the transaction `tx`. */
export function openCommitBatch(tx: Tx): void {
  batches.set(tx, new Map());
}

/**
 * Writes the rows queued in `tx`: one multi-row insert per table, all in ONE statement (each
 * table's insert but the last in a data-modifying WITH, which PostgreSQL runs to completion
 * whether or not the query reads it). A table's rows keep the order they were queued in, so
 * serial ids follow it as before.
 *
 * The statement is built once per shape (which tables, how many rows each, which values are
 * null or left to their default) and then only executed with the rows' values as placeholders:
 * a step queues the same rows every time (a payment's log row and an event, an order's status
 * row), so a few shapes cover every transaction, and the SQL text is the one the rows built
 * per call would have, which PostgreSQL already keeps prepared on each connection. One
 * statement per shape reads more plainly than rows passed as a JSON or array parameter and
 * unpacked in SQL, and keeps drizzle encoding each value with its column. A table with more
 * than a few rows queued (a bulk admin change) is built per call, so only a bounded set of
 * shapes is ever kept.
 */
export async function flushCommitBatch(tx: Tx): Promise<void> {
  const batch = batches.get(tx);
  batches.delete(tx);
  if (!batch || batch.size === 0) return;
  // In the order of their names: steps whose statements run concurrently queue the same tables
  // in either order, which would otherwise make two shapes of one batch. Which table's rows go
  // in first does not matter (PostgreSQL runs a WITH's inserts in no promised order anyway).
  const tables = [...batch].sort(([a], [b]) => (tableKey(a) < tableKey(b) ? -1 : 1));
  const shaped: { shape: string; rows: Row[][]; values: Record<string, unknown> } = { shape: "", rows: [], values: {} };
  for (const [i, [table, rows]] of tables.entries()) {
    const placeholders = placeholderRows(rows, { prefix: `t${i}` });
    if (!placeholders) {
      await batchInsert(tx, tables);
      return;
    }
    shaped.shape += `${tableKey(table)}${placeholders.shape};`;
    shaped.rows.push(placeholders.rows);
    Object.assign(shaped.values, placeholders.values);
  }
  await prepared(tx, `commit-batch:${shaped.shape}`, (d) => batchInsert(d, tables.map(([table], i) => [table, shaped.rows[i]!])).prepare("commit_batch")).execute(shaped.values);
}

/**
 * The one statement that inserts every table's rows. Drizzle takes a query with RETURNING as a
 * WITH's body, so the inserts in the WITH return a constant nobody reads.
 */
function batchInsert(db: DbOrTx, tables: [PgTable, Row[]][]) {
  const ctes = tables.slice(0, -1).map(([table, rows], i) =>
    db
      .$with(`queued_${i}`)
      .as(
        db
          .insert(table)
          .values(rows as never)
          .returning({ queued: sql<number>`1`.as("queued") }),
      ),
  );
  const [table, rows] = tables.at(-1)!;
  return db
    .with(...ctes)
    .insert(table)
    .values(rows as never);
}

const tableKeys = new WeakMap<PgTable, string>();

/** A table's schema-qualified name, the part of a batch's shape that says where its rows go. */
function tableKey(table: PgTable): string {
  let key = tableKeys.get(table);
  if (key === undefined) {
    const { schema, name } = getTableConfig(table);
    tableKeys.set(table, (key = `${schema ?? "public"}.${name}`));
  }
  return key;
}
