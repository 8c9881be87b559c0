import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea, createdAt, currency, id, money, updatedAt } from "./columns";

export const categories = pgTable("categories", {
  id: id(),
  slug: text().notNull().unique(),
  nameEn: text().notNull(),
  nameZh: text().notNull(),
  sortOrder: integer().notNull().default(0),
});

/** Ship-from points. Logistics plans routes from a warehouse's city. */
export const warehouses = pgTable("warehouses", {
  id: id(),
  code: text().notNull().unique(),
  name: text().notNull(),
  province: text().notNull(),
  city: text().notNull(),
  district: text().notNull(),
  detail: text().notNull(),
  createdAt: createdAt(),
});

export const products = pgTable(
  "products",
  {
    id: id(),
    sku: text().notNull().unique(),
    /** The English name and description; `nameZh` / `descriptionZh` are the Simplified Chinese ones. */
    name: text().notNull(),
    nameZh: text().notNull().default(""),
    description: text().notNull().default(""),
    descriptionZh: text().notNull().default(""),
    categoryId: uuid()
      .notNull()
      .references(() => categories.id),
    warehouseId: uuid()
      .notNull()
      .references(() => warehouses.id),
    priceMinor: money(),
    currency: currency(),
    weightGrams: integer().notNull(),
    /** Parcel dimensions in millimetres, for volumetric weight. */
    lengthMm: integer().notNull().default(200),
    widthMm: integer().notNull().default(150),
    heightMm: integer().notNull().default(100),
    /**
     * The product image's address without its size suffix (`/images/products/<hash>`); the
     * grid and page renditions are `<imageUrl>-grid.webp` and `<imageUrl>-page.webp`. Null: none.
     */
    imageUrl: text(),
    /** Shown in the shop and orderable. An archived product is never active. */
    active: boolean().notNull().default(true),
    /** Set when an admin archives the product: gone from the admin's working lists, kept for old orders. */
    archivedAt: timestamp({ withTimezone: true }),
    /** Available stock at or below this puts the product in the low-stock queue. */
    lowStockThreshold: integer().notNull().default(5),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.categoryId, t.active), index().on(t.active, t.createdAt)],
);

/**
 * Every admin change of a product or category: who, when, and the fields before → after
 * (null before on creation). Written in the same transaction as the change.
 */
export const catalogChanges = pgTable(
  "catalog_changes",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    entity: text().$type<"product" | "category">().notNull(),
    entityId: uuid().notNull(),
    action: text().notNull(),
    before: jsonb().$type<Record<string, unknown>>(),
    after: jsonb().$type<Record<string, unknown>>().notNull(),
    changedBy: uuid(),
    requestId: text(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.entity, t.entityId, t.createdAt)],
);

/**
 * Product images, already decoded, stripped of metadata and resized (see
 * server/domain/catalog/product-image.ts), addressed by the hash of their content: the URL
 * changes whenever the picture does, so it may be cached for a year. Kept in the database
 * rather than on disk so that a backup, a second gateway or a fresh container has them, and so
 * that storing one is part of the same transaction as the product change and its audit row.
 * A few tens of kilobytes each; rows are shared when two products use the same picture.
 */
export const productImages = pgTable("product_images", {
  hash: text().primaryKey(),
  grid: bytea().notNull(),
  page: bytea().notNull(),
  createdAt: createdAt(),
});
