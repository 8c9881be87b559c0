import type { Database, Tx } from "@/server/db/client";

/**
 * Works through due items one transaction each: `claim` selects ONE due row with
 * `FOR UPDATE SKIP LOCKED` (rows another instance holds are skipped, never waited for) and
 * `apply` does the work in the same transaction, so the row stays locked until the work has
 * committed. Items already seen in this run are excluded; stops when nothing is left or at `limit`.
 */
export async function claimEach<R extends { id: string }, T>(
  db: Database,
  { limit, claim, apply }: { limit: number; claim: (tx: Tx, seen: string[]) => Promise<R | undefined>; apply: (tx: Tx, row: R) => Promise<T> },
): Promise<{ id: string; result: T }[]> {
  const done: { id: string; result: T }[] = [];
  const seen: string[] = [];
  while (done.length < limit) {
    const item = await db.transaction(async (tx) => {
      const row = await claim(tx, seen);
      if (!row) return null;
      return { id: row.id, result: await apply(tx, row) };
    });
    if (!item) break;
    seen.push(item.id);
    done.push(item);
  }
  return done;
}

/** SQL array literal of uuids for `id <> all(...)`. */
export const uuidArray = (ids: string[]) => `{${ids.join(",")}}`;
