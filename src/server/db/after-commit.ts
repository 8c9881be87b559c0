import type { Database, DbOrTx } from "./client";
import { flushCommitBatch, openCommitBatch } from "./commit-batch";

const pending = new WeakMap<object, (() => void)[]>();

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
 * Makes `db.transaction` write the rows queued with insertBeforeCommit once its work is done
 * (still inside the transaction), and run the hooks registered with afterCommit once it has
 * committed.
 */
export function withAfterCommit(db: Database): Database {
  const begin = db.transaction.bind(db);
  const transaction: Database["transaction"] = async (work, config) => {
    const hooks: (() => void)[] = [];
    const result = await begin(async (tx) => {
      pending.set(tx, hooks);
      openCommitBatch(tx);
      const done = await work(tx);
      await flushCommitBatch(tx);
      return done;
    }, config);
    for (const hook of hooks) hook();
    return result;
  };
  db.transaction = transaction;
  return db;
}
