import { sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { DbOrTx, Tx } from "./client";

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
 * whether or not the query reads it). Rows keep the order they were queued in, so serial ids
 * follow it as before.
 */
export async function flushCommitBatch(tx: Tx): Promise<void> {
  const batch = batches.get(tx);
  batches.delete(tx);
  if (!batch || batch.size === 0) return;
  const inserts: SQL[] = [...batch].map(([table, rows]) => tx.insert(table).values(rows).getSQL());
  const last = inserts.pop()!;
  if (inserts.length === 0) {
    await tx.execute(last);
    return;
  }
  const ctes = sql.join(
    inserts.map((insert, i) => sql`${sql.raw(`queued_${i}`)} as (${insert})`),
    sql`, `,
  );
  await tx.execute(sql`with ${ctes} ${last}`);
}
