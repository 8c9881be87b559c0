import { and, asc, desc, eq, ilike, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Database, DbOrTx, Tx } from "@/server/db/client";
import { categories, inventory, products, warehouses } from "@/server/db/schema";
import { DomainError } from "@/server/errors";
import { recordCatalogChange, diffSnapshots, type CatalogActor } from "./catalog-audit";
import { catalogChanged } from "./catalog.service";
import {
  ZAdminProductListInput,
  ZCreateProductInput,
  ZSetProductStatusInput,
  ZUpdateProductInput,
  type AdminProduct,
  type AdminProductListInput,
  type AdminProductRow,
  type CreateProductInput,
  type UpdateProductInput,
} from "./catalog-admin.schemas";
import { assertProductTransition, columnsForStatus, productStatusOf, type ProductStatus } from "./product.machine";

type ProductRow = typeof products.$inferSelect;

/** The audited fields of a product, named as the admin API names them. */
function snapshotOf(row: ProductRow) {
  return {
    sku: row.sku,
    nameEn: row.name,
    nameZh: row.nameZh,
    descriptionEn: row.description,
    descriptionZh: row.descriptionZh,
    categoryId: row.categoryId,
    warehouseId: row.warehouseId,
    priceMinor: row.priceMinor,
    weightGrams: row.weightGrams,
    lengthMm: row.lengthMm,
    widthMm: row.widthMm,
    heightMm: row.heightMm,
    lowStockThreshold: row.lowStockThreshold,
    status: productStatusOf(row),
  };
}

function columnsOf(data: Omit<ReturnType<typeof ZUpdateProductInput.parse>, "id">) {
  return {
    sku: data.sku,
    name: data.nameEn,
    nameZh: data.nameZh,
    description: data.descriptionEn,
    descriptionZh: data.descriptionZh,
    categoryId: data.categoryId,
    warehouseId: data.warehouseId,
    priceMinor: data.priceMinor,
    weightGrams: data.weightGrams,
    lengthMm: data.lengthMm,
    widthMm: data.widthMm,
    heightMm: data.heightMm,
    lowStockThreshold: data.lowStockThreshold,
  };
}

const skuTaken = () => new DomainError("SKU_TAKEN", "Another product has this SKU", { sku: ["This SKU is taken"] });

/** Category and warehouse must exist: a dangling id is the caller's mistake, not a database error. */
async function assertReferences(tx: Tx, { categoryId, warehouseId }: { categoryId: string; warehouseId: string }) {
  const [[category], [warehouse]] = await Promise.all([
    tx.select({ id: categories.id }).from(categories).where(eq(categories.id, categoryId)),
    tx.select({ id: warehouses.id }).from(warehouses).where(eq(warehouses.id, warehouseId)),
  ]);
  const fieldErrors: Record<string, string[]> = {};
  if (!category) fieldErrors.categoryId = ["Choose a category"];
  if (!warehouse) fieldErrors.warehouseId = ["Choose a warehouse"];
  const fieldIssues = Object.fromEntries(Object.keys(fieldErrors).map((field) => [field, [{ code: "choose_from_list" as const }]]));
  if (Object.keys(fieldErrors).length) throw new DomainError("VALIDATION_FAILED", "Check the highlighted fields", fieldErrors, { fieldIssues });
}

/** Adds a product (with an empty stock record) and its audit row, all or nothing. SKU_TAKEN on a duplicate SKU. */
export async function createProduct(db: Database, { input, by }: { input: CreateProductInput; by: CatalogActor }): Promise<AdminProduct> {
  const data = ZCreateProductInput.parse(input);
  const id = await db.transaction(async (tx) => {
    await assertReferences(tx, data);
    const [row] = await tx
      .insert(products)
      .values({ ...columnsOf(data), ...columnsForStatus(data.visible ? "visible" : "hidden", new Date()) })
      .onConflictDoNothing({ target: products.sku })
      .returning();
    if (!row) throw skuTaken();
    await tx.insert(inventory).values({ productId: row.id, onHand: 0 });
    await recordCatalogChange(tx, { entity: "product", entityId: row.id, action: "create", before: null, after: snapshotOf(row), by });
    catalogChanged(tx);
    return row.id;
  });
  return getAdminProduct(db, id);
}

/**
 * Replaces a product's fields and audits what changed. Orders keep their own snapshots of
 * name, price and weight, so an edit never changes an order already placed.
 */
export async function updateProduct(db: Database, { input, by }: { input: UpdateProductInput; by: CatalogActor }): Promise<AdminProduct> {
  const data = ZUpdateProductInput.parse(input);
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(products).where(eq(products.id, data.id)).for("update");
    if (!current) throw new DomainError("PRODUCT_NOT_FOUND", "Product not found");
    await assertReferences(tx, data);
    if (data.sku !== current.sku) {
      const [taken] = await tx.select({ id: products.id }).from(products).where(eq(products.sku, data.sku));
      if (taken) throw skuTaken();
    }
    const { id, ...fields } = data;
    // A concurrent create of the same SKU between the check and here still hits the unique index.
    const [updated] = await tx
      .update(products)
      .set(columnsOf(fields))
      .where(eq(products.id, id))
      .returning()
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw skuTaken();
        throw error;
      });
    const diff = diffSnapshots(snapshotOf(current), snapshotOf(updated!));
    if (Object.keys(diff.after).length > 0) {
      await recordCatalogChange(tx, { entity: "product", entityId: id, action: "update", ...diff, by });
      catalogChanged(tx);
    }
  });
  return getAdminProduct(db, data.id);
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown; cause?: { code?: unknown } })?.code ?? (error as { cause?: { code?: unknown } })?.cause?.code;
  return code === "23505";
}

/** Shows, hides, archives or restores a product along the status machine, audited. */
export async function setProductStatus(db: Database, { input, by }: { input: { id: string; status: ProductStatus }; by: CatalogActor }): Promise<AdminProduct> {
  const { id, status } = ZSetProductStatusInput.parse(input);
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(products).where(eq(products.id, id)).for("update");
    if (!current) throw new DomainError("PRODUCT_NOT_FOUND", "Product not found");
    const from = productStatusOf(current);
    assertProductTransition(from, status);
    await tx.update(products).set(columnsForStatus(status, new Date())).where(eq(products.id, id));
    await recordCatalogChange(tx, { entity: "product", entityId: id, action: "status", before: { status: from }, after: { status }, by });
    catalogChanged(tx);
  });
  return getAdminProduct(db, id);
}

const stockColumns = {
  onHand: sql<number>`coalesce(${inventory.onHand}, 0)::int`,
  reserved: sql<number>`coalesce(${inventory.reserved}, 0)::int`,
  available: sql<number>`coalesce(${inventory.onHand} - ${inventory.reserved}, 0)::int`,
};

/** One product as the admin edits it, whatever its status; PRODUCT_NOT_FOUND otherwise. */
export async function getAdminProduct(db: DbOrTx, id: string): Promise<AdminProduct> {
  const [row] = await db.select({ product: products, ...stockColumns }).from(products).leftJoin(inventory, eq(inventory.productId, products.id)).where(eq(products.id, id));
  if (!row) throw new DomainError("PRODUCT_NOT_FOUND", "Product not found");
  const p = row.product;
  return {
    ...snapshotOf(p),
    id: p.id,
    currency: p.currency,
    imageUrl: p.imageUrl,
    onHand: row.onHand,
    reserved: row.reserved,
    available: row.available,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function statusFilter(status: ProductStatus | undefined): SQL | undefined {
  if (status === "archived") return isNotNull(products.archivedAt);
  if (status === "visible") return eq(products.active, true);
  if (status === "hidden") return and(eq(products.active, false), isNull(products.archivedAt));
  // No status asked: the working list, without the archive.
  return isNull(products.archivedAt);
}

/** The admin product list: search by SKU or either name, filter by category and status, one page at a time. */
export async function listAdminProducts(db: DbOrTx, rawInput: AdminProductListInput) {
  const input = ZAdminProductListInput.parse(rawInput);
  const filters: (SQL | undefined)[] = [statusFilter(input.status)];
  if (input.q) {
    const pattern = `%${escapeLike(input.q)}%`;
    filters.push(or(ilike(products.sku, pattern), ilike(products.name, pattern), ilike(products.nameZh, pattern)));
  }
  if (input.categoryId) filters.push(eq(products.categoryId, input.categoryId));
  const rows = await db
    .select({
      id: products.id,
      sku: products.sku,
      nameEn: products.name,
      nameZh: products.nameZh,
      imageUrl: products.imageUrl,
      priceMinor: products.priceMinor,
      currency: products.currency,
      active: products.active,
      archivedAt: products.archivedAt,
      lowStockThreshold: products.lowStockThreshold,
      updatedAt: products.updatedAt,
      categoryNameEn: categories.nameEn,
      categoryNameZh: categories.nameZh,
      ...stockColumns,
      total: sql<number>`count(*) over ()::int`,
    })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .leftJoin(inventory, eq(inventory.productId, products.id))
    .where(and(...filters))
    .orderBy(desc(products.updatedAt), asc(products.sku))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  const items: AdminProductRow[] = rows.map(({ total: _t, active, archivedAt, ...row }) => ({ ...row, status: productStatusOf({ active, archivedAt }) }));
  return { items, total: rows[0]?.total ?? 0, page: input.page, pageSize: input.pageSize };
}

/** Ship-from warehouses for the product editor. */
export async function listWarehouses(db: DbOrTx) {
  return db.select({ id: warehouses.id, code: warehouses.code, name: warehouses.name, city: warehouses.city }).from(warehouses).orderBy(asc(warehouses.code));
}
