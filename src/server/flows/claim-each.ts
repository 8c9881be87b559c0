import { sql } from "drizzle-orm";
import type { Database, Tx } from "@/server/db/client";
import { prepared } from "@/server/db/prepared";
import { orders } from "@/server/db/schema";

/**
 * How long one step of a sweep keeps claiming items. The limits let a backlog be taken in a few
 * runs (at the largest time scale a simulation makes hundreds of orders due every few seconds);
 * the budget keeps one step from holding up the next ones of the same run. What is left is
 * taken by the next run.
 */
export const SWEEP_STEP_BUDGET_MS = 3_000;

/**
 * Works through due items one transaction each: `claim` selects ONE due row with
 * `FOR UPDATE SKIP LOCKED` (rows another instance holds are skipped, never waited for) and
 * `apply` does the work in the same transaction, so the row stays locked until the work has
 * committed. Items already seen in this run are excluded; stops when nothing is left, at
 * `limit`, or once `budgetMs` has passed. With `lanes` > 1, that many transactions run side by
 * side, as that many instances would (SKIP LOCKED keeps them apart): an item's transaction
 * spends most of its time waiting on PostgreSQL, so one lane leaves a busy machine's cores to
 * the rest of the work while its backlog grows.
 */
export async function claimEach<R extends { id: string }, T>(
  db: Database,
  {
    limit,
    budgetMs = SWEEP_STEP_BUDGET_MS,
    lanes = 1,
    claim,
    apply,
  }: { limit: number; budgetMs?: number; lanes?: number; claim: (tx: Tx, seen: string[]) => Promise<R | undefined>; apply: (tx: Tx, row: R) => Promise<T> },
): Promise<{ id: string; result: T }[]> {
  const done: { id: string; result: T }[] = [];
  const seen: string[] = [];
  const until = Date.now() + budgetMs;
  let started = 0;
  const lane = async () => {
    while (started < limit && Date.now() < until) {
      started++;
      const item = await db.transaction(async (tx) => {
        const row = await claim(tx, seen);
        if (!row) return null;
        return { id: row.id, result: await apply(tx, row) };
      });
      if (!item) return;
      seen.push(item.id);
      done.push(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, lanes) }, lane));
  return done;
}

/** SQL array literal of uuids for `id <> all(...)`. */
export const uuidArray = (ids: string[]) => `{${ids.join(",")}}`;

/**
 * A `claim` for the sweeps over orders: the oldest order in `status` whose `dueAt` column is at
 * or before `cutoff`, not seen yet in this run, locked and returned whole — the work reads
 * nothing of the order again.
 */
export async function claimDueOrder(
  tx: Tx,
  seen: string[],
  { status, dueAt, cutoff }: { status: (typeof orders.$inferSelect)["status"]; dueAt: typeof orders.paidAt | typeof orders.deliveredAt; cutoff: Date },
) {
  // Built once per due column, with and without items already seen (prepared.ts): every order a sweep moves is claimed with it.
  const dueColumn = dueAt === orders.paidAt ? "paid_at" : "delivered_at";
  const [row] = await prepared(tx, `claim-due-order:${dueColumn}:${seen.length ? "more" : "first"}`, (d) =>
    d
      .select()
      .from(orders)
      .where(
        sql`${orders.status} = ${sql.placeholder("status")} and ${dueAt} <= ${sql.placeholder("cutoff")}::timestamptz ${
          seen.length ? sql`and ${orders.id} <> all(${sql.placeholder("seen")}::uuid[])` : sql``
        }`,
      )
      .orderBy(dueAt)
      .limit(1)
      .for("update", { skipLocked: true })
      .prepare("claim_due_order"),
  ).execute({ status, cutoff: cutoff.toISOString(), seen: uuidArray(seen) });
  return row;
}
