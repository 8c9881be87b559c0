import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/server/db/client";
import { sweepCursors } from "@/server/db/schema/lifecycle";

/** Where a sweep's walk stands (null: it has never run). */
export async function readSweepCursor(db: DbOrTx, sweepId: string): Promise<Date | null> {
  const [row] = await db.select({ position: sweepCursors.position }).from(sweepCursors).where(eq(sweepCursors.sweepId, sweepId));
  return row?.position ?? null;
}

/**
 * Moves a sweep's cursor to `position`, never backwards: two instances finishing in any order
 * leave the furthest position either of them covered.
 */
export async function advanceSweepCursor(db: DbOrTx, sweepId: string, position: Date): Promise<void> {
  await db
    .insert(sweepCursors)
    .values({ sweepId, position })
    .onConflictDoUpdate({
      target: sweepCursors.sweepId,
      set: { position: sql`greatest(${sweepCursors.position}, excluded.position)`, updatedAt: sql`now()` },
    });
}
