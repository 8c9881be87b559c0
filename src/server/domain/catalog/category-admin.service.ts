import { asc, eq, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "@/server/db/client";
import { categories, products } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { diffSnapshots, recordCatalogChange, type CatalogActor } from "./catalog-audit";
import { catalogChanged } from "./catalog.service";
import { ZCreateCategoryInput, ZUpdateCategoryInput, type AdminCategory, type CreateCategoryInput, type UpdateCategoryInput } from "./catalog-admin.schemas";

type CategoryRow = typeof categories.$inferSelect;
const snapshotOf = (row: CategoryRow) => ({ slug: row.slug, nameEn: row.nameEn, nameZh: row.nameZh, sortOrder: row.sortOrder });
const slugTaken = () => new DomainError("CATEGORY_SLUG_TAKEN", "Another category has this slug", { slug: ["This slug is taken"] });

/** Every category in shop order, with how many products (archived excluded) it holds. */
export async function listAdminCategories(db: DbOrTx): Promise<AdminCategory[]> {
  return db
    .select({
      id: categories.id,
      slug: categories.slug,
      nameEn: categories.nameEn,
      nameZh: categories.nameZh,
      sortOrder: categories.sortOrder,
      productCount: sql<number>`(select count(*) from ${products} where ${products.categoryId} = ${categories.id} and ${products.archivedAt} is null)::int`,
    })
    .from(categories)
    .orderBy(asc(categories.sortOrder), asc(categories.slug));
}

async function getAdminCategory(db: DbOrTx, id: string): Promise<AdminCategory> {
  const found = (await listAdminCategories(db)).find((c) => c.id === id);
  if (!found) throw new DomainError("CATEGORY_NOT_FOUND", "Category not found");
  return found;
}

/** Adds a category with both names and its place in the order, audited. CATEGORY_SLUG_TAKEN on a duplicate slug. */
export async function createCategory(db: Database, { input, by }: { input: CreateCategoryInput; by: CatalogActor }): Promise<AdminCategory> {
  const data = ZCreateCategoryInput.parse(input);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx.insert(categories).values(data).onConflictDoNothing({ target: categories.slug }).returning();
    if (!row) throw slugTaken();
    await recordCatalogChange(tx, { entity: "category", entityId: row.id, action: "create", before: null, after: snapshotOf(row), by });
    catalogChanged(tx);
    return row.id;
  });
  return getAdminCategory(db, id);
}

/** Renames, re-slugs or reorders a category, audited. */
export async function updateCategory(db: Database, { input, by }: { input: UpdateCategoryInput; by: CatalogActor }): Promise<AdminCategory> {
  const { id, ...data } = ZUpdateCategoryInput.parse(input);
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(categories).where(eq(categories.id, id)).for("update");
    if (!current) throw new DomainError("CATEGORY_NOT_FOUND", "Category not found");
    if (data.slug !== current.slug) {
      const [taken] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.slug, data.slug));
      if (taken) throw slugTaken();
    }
    const [updated] = await tx.update(categories).set(data).where(eq(categories.id, id)).returning();
    const diff = diffSnapshots(snapshotOf(current), snapshotOf(updated!));
    if (Object.keys(diff.after).length > 0) {
      await recordCatalogChange(tx, { entity: "category", entityId: id, action: "update", ...diff, by });
      catalogChanged(tx);
    }
  });
  return getAdminCategory(db, id);
}
