import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/server/db/client";
import { catalogChanges, users } from "@/server/db/schema";
import { ZCatalogChangesInput, type CatalogChange, type CatalogChangesInput } from "./catalog-admin.schemas";

/** Who changes the catalog: the admin, and the request for tracing. */
export type CatalogActor = { userId: string; requestId?: string };

type AuditValue = string | number | boolean | null;
type Snapshot = Record<string, AuditValue>;

/** The fields whose value differs, as before → after halves (both empty when nothing changed). */
export function diffSnapshots(before: Snapshot, after: Snapshot): { before: Snapshot; after: Snapshot } {
  const changedBefore: Snapshot = {};
  const changedAfter: Snapshot = {};
  for (const key of Object.keys(after)) {
    if (before[key] !== after[key]) {
      changedBefore[key] = before[key] ?? null;
      changedAfter[key] = after[key] ?? null;
    }
  }
  return { before: changedBefore, after: changedAfter };
}

/** Appends one audit row in the caller's transaction. */
export async function recordCatalogChange(
  tx: Tx,
  change: { entity: "product" | "category"; entityId: string; action: string; before: Snapshot | null; after: Snapshot; by: CatalogActor },
): Promise<void> {
  await tx.insert(catalogChanges).values({
    entity: change.entity,
    entityId: change.entityId,
    action: change.action,
    before: change.before,
    after: change.after,
    changedBy: change.by.userId,
    requestId: change.by.requestId ?? null,
  });
}

/** A product's or category's change history, newest first. */
export async function listCatalogChanges(db: DbOrTx, rawInput: CatalogChangesInput) {
  const input = ZCatalogChangesInput.parse(rawInput);
  const where = and(eq(catalogChanges.entity, input.entity), eq(catalogChanges.entityId, input.entityId));
  const rows = await db
    .select({
      id: catalogChanges.id,
      action: catalogChanges.action,
      before: catalogChanges.before,
      after: catalogChanges.after,
      changedByName: users.name,
      createdAt: catalogChanges.createdAt,
      total: sql<number>`count(*) over ()::int`,
    })
    .from(catalogChanges)
    .leftJoin(users, eq(users.id, catalogChanges.changedBy))
    .where(where)
    .orderBy(desc(catalogChanges.createdAt), desc(catalogChanges.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const items: CatalogChange[] = rows.map(({ total: _t, before, after, ...row }) => ({ ...row, before: (before as Snapshot | null) ?? null, after: after as Snapshot }));
  return { items, total: rows[0]?.total ?? 0, page: input.page, pageSize: input.pageSize };
}
