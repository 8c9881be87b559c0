import type { Database, DbOrTx } from "./client";

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

/** Makes `db.transaction` run the hooks registered with afterCommit once it has committed. */
export function withAfterCommit(db: Database): Database {
  const begin = db.transaction.bind(db);
  const transaction: Database["transaction"] = async (work, config) => {
    const hooks: (() => void)[] = [];
    const result = await begin((tx) => {
      pending.set(tx, hooks);
      return work(tx);
    }, config);
    for (const hook of hooks) hook();
    return result;
  };
  db.transaction = transaction;
  return db;
}
