import type { Database, DbOrTx, Tx } from "./client";
import { flushCommitBatch, openCommitBatch } from "./commit-batch";

const pending = new WeakMap<object, (() => void)[]>();
/** The statements each open transaction sends just before its commit, by what they are for (one each). */
const lastStatements = new WeakMap<object, Map<string, (tx: Tx) => Promise<unknown>>>();

/**
 * Runs `hook` once the transaction `db` belongs to has committed (never after a rollback), or
 * at once when `db` is not a transaction. For work that must not see — or let others see —
 * the state before the commit, such as dropping an in-process cache: dropped any earlier, a
 * concurrent reader could load the old rows and store them again.
 * (Savepoints — `tx.transaction` — are not tracked: a hook registered on one runs at once.)
 */
export function afterCommit(db: DbOrTx, hook: () => void): void {
  const hooks = pending.get(db);
  if (hooks) hooks.push(hook);
  else hook();
}

/**
 * Sends `statement` as the last work of the transaction `db` belongs to, so that it commits
 * with the transaction or not at all — for a NOTIFY, which PostgreSQL delivers only once the
 * transaction has committed. Several calls with the same `purpose` send one statement (the
 * first one's). Returns false, sending nothing, when `db` is not a transaction this module
 * tracks (the pool itself, a savepoint): the caller decides what to do instead.
 */
export function beforeCommit(db: DbOrTx, purpose: string, statement: (tx: Tx) => Promise<unknown>): boolean {
  const statements = lastStatements.get(db);
  if (!statements) return false;
  if (!statements.has(purpose)) statements.set(purpose, statement);
  return true;
}

/**
 * Makes `db.transaction` write the rows queued with insertBeforeCommit and send the statements
 * queued with beforeCommit once its work is done (still inside the transaction), and run the
 * hooks registered with afterCommit once it has committed.
 */
export function withAfterCommit(db: Database): Database {
  const begin = db.transaction.bind(db);
  const transaction: Database["transaction"] = async (work, config) => {
    const hooks: (() => void)[] = [];
    const result = await begin(async (tx) => {
      const statements = new Map<string, (tx: Tx) => Promise<unknown>>();
      pending.set(tx, hooks);
      lastStatements.set(tx, statements);
      openCommitBatch(tx);
      const done = await work(tx);
      lastStatements.delete(tx);
      // Sent together: one round trip for the queued rows and the last statements.
      await Promise.all([flushCommitBatch(tx), ...[...statements.values()].map((statement) => statement(tx))]);
      return done;
    }, config);
    for (const hook of hooks) hook();
    return result;
  };
  db.transaction = transaction;
  return db;
}
