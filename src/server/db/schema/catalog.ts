import { boolean, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, currency, id, money, updatedAt } from "./columns";
import { uuid } from "drizzle-orm/pg-core";

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
    name: text().notNull(),
    description: text().notNull().default(""),
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
    imageUrl: text(),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.categoryId, t.active), index().on(t.active, t.createdAt)],
);
