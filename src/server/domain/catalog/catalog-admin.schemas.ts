import { z } from "zod";
import { zMinorUnits, zText } from "@/server/validation/fields";
import { PRODUCT_STATUSES } from "./product.machine";
import { issue } from "@/lib/validation/field-issue";
import { PATTERNS } from "@/lib/validation/patterns";

/**
 * Admin product and category input. Text is stored exactly as typed (HTML included) and
 * escaped where it is shown; nothing here strips or interprets markup.
 */
const zName = () => zText(120).min(1, "Enter a name");
const zDescription = () => zText(4000);
const zMillimetres = () => z.number().int("Use whole millimetres").min(1, "Use at least 1 mm").max(3000, "Use at most 3000 mm");

export const ZProductFields = z.object({
  sku: zText(40)
    .min(1, "Enter a SKU")
    .regex(PATTERNS.sku, "Use letters, digits, dot, dash or underscore")
    .transform((sku) => sku.toUpperCase()),
  nameEn: zName(),
  nameZh: zName(),
  descriptionEn: zDescription().default(""),
  descriptionZh: zDescription().default(""),
  categoryId: z.uuid({ message: "Choose a category" }),
  warehouseId: z.uuid({ message: "Choose a warehouse" }),
  priceMinor: zMinorUnits().min(1, "The price must be above zero"),
  weightGrams: z.number().int("Use whole grams").min(0, "The weight cannot be negative").max(100_000, "Use at most 100 kg").refine((g) => g > 0, issue("weight_required", "Enter the weight")),
  lengthMm: zMillimetres(),
  widthMm: zMillimetres(),
  heightMm: zMillimetres(),
  lowStockThreshold: z.number().int("Use a whole number").min(0, "Use 0 or more").max(1_000_000, "That threshold is too large").default(5),
  visible: z.boolean().default(false),
});
export type ProductFieldsInput = z.input<typeof ZProductFields>;

export const ZCreateProductInput = ZProductFields;
export type CreateProductInput = z.input<typeof ZCreateProductInput>;

/** The editor sends every field; visibility moves through setProductStatus instead. */
export const ZUpdateProductInput = ZProductFields.omit({ visible: true }).extend({ id: z.uuid({ message: "Product not found" }) });
export type UpdateProductInput = z.input<typeof ZUpdateProductInput>;

export const ZProductStatus = z.enum(PRODUCT_STATUSES);
export const ZSetProductStatusInput = z.object({ id: z.uuid({ message: "Product not found" }), status: ZProductStatus });

export const ZAdminProduct = z.object({
  id: z.uuid(),
  sku: z.string(),
  nameEn: z.string(),
  nameZh: z.string(),
  descriptionEn: z.string(),
  descriptionZh: z.string(),
  categoryId: z.uuid(),
  warehouseId: z.uuid(),
  priceMinor: z.number().int(),
  currency: z.string(),
  weightGrams: z.number().int(),
  lengthMm: z.number().int(),
  widthMm: z.number().int(),
  heightMm: z.number().int(),
  lowStockThreshold: z.number().int(),
  status: ZProductStatus,
  /** The picture's address (see productImageSrc), null when it has none. Set by an upload, not by the editor. */
  imageUrl: z.string().nullable(),
  onHand: z.number().int(),
  reserved: z.number().int(),
  available: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type AdminProduct = z.infer<typeof ZAdminProduct>;

export const ZAdminProductListInput = z.object({
  q: zText(100).optional(),
  categoryId: z.uuid().optional(),
  status: ZProductStatus.optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export type AdminProductListInput = z.input<typeof ZAdminProductListInput>;

export const ZAdminProductRow = ZAdminProduct.pick({
  id: true,
  sku: true,
  nameEn: true,
  nameZh: true,
  priceMinor: true,
  currency: true,
  status: true,
  imageUrl: true,
  onHand: true,
  reserved: true,
  available: true,
  lowStockThreshold: true,
  updatedAt: true,
}).extend({ categoryNameEn: z.string(), categoryNameZh: z.string() });
export type AdminProductRow = z.infer<typeof ZAdminProductRow>;

export const ZAdminProductListOutput = z.object({
  items: z.array(ZAdminProductRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const ZCategoryFields = z.object({
  slug: zText(64)
    .min(1, "Enter a slug")
    .regex(PATTERNS.slug, "Use lower-case letters, digits and single dashes")
    .transform((s) => s.toLowerCase()),
  nameEn: zName(),
  nameZh: zName(),
  sortOrder: z.number().int("Use a whole number").min(-10_000).max(10_000).default(0),
});
export const ZCreateCategoryInput = ZCategoryFields;
export type CreateCategoryInput = z.input<typeof ZCreateCategoryInput>;
export const ZUpdateCategoryInput = ZCategoryFields.extend({ id: z.uuid({ message: "Category not found" }) });
export type UpdateCategoryInput = z.input<typeof ZUpdateCategoryInput>;

export const ZAdminCategory = z.object({
  id: z.uuid(),
  slug: z.string(),
  nameEn: z.string(),
  nameZh: z.string(),
  sortOrder: z.number().int(),
  productCount: z.number().int(),
});
export type AdminCategory = z.infer<typeof ZAdminCategory>;

export const ZWarehouseOption = z.object({ id: z.uuid(), code: z.string(), name: z.string(), city: z.string() });

export const ZCatalogChangesInput = z.object({
  entity: z.enum(["product", "category"]),
  entityId: z.uuid({ message: "Not found" }),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
});
export type CatalogChangesInput = z.input<typeof ZCatalogChangesInput>;

const ZAuditValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export const ZCatalogChange = z.object({
  id: z.number().int(),
  action: z.string(),
  before: z.record(z.string(), ZAuditValue).nullable(),
  after: z.record(z.string(), ZAuditValue),
  changedByName: z.string().nullable(),
  createdAt: z.date(),
});
export type CatalogChange = z.infer<typeof ZCatalogChange>;
export const ZCatalogChangesOutput = z.object({
  items: z.array(ZCatalogChange),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const ZCatalogIdInput = z.object({ id: z.uuid({ message: "Not found" }) });

/** A removed picture: the generated picture the product now shows, and whether anything changed. */
export const ZRemoveProductImageOutput = z.object({ imageUrl: z.string(), changed: z.boolean() });
