import { z } from "zod";
import { zMinorUnits, zText } from "@/server/validation/fields";

export const ZListProductsInput = z.object({
  q: zText(100).optional(),
  category: zText(64).optional(),
  /** Price bounds in minor units, both inclusive. */
  minPrice: zMinorUnits().min(0, "Use 0 or more").optional(),
  maxPrice: zMinorUnits().min(0, "Use 0 or more").optional(),
  /** Only products with stock available now. */
  inStock: z.boolean().optional(),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(20),
  sort: z.enum(["newest", "price_asc", "price_desc", "name"]).default("newest"),
});
export type ListProductsInput = z.input<typeof ZListProductsInput>;

export const ZProductSummary = z.object({
  id: z.uuid(),
  sku: z.string(),
  name: z.string(),
  /** The Simplified Chinese name; empty when the product has none (show `name`). */
  nameZh: z.string(),
  priceMinor: z.number().int(),
  currency: z.string(),
  imageUrl: z.string().nullable(),
  categorySlug: z.string(),
  available: z.number().int(),
});
export type ProductSummary = z.infer<typeof ZProductSummary>;

export const ZListProductsOutput = z.object({
  items: z.array(ZProductSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const ZProductDetail = ZProductSummary.extend({
  description: z.string(),
  descriptionZh: z.string(),
  weightGrams: z.number().int(),
  categoryNameEn: z.string(),
  categoryNameZh: z.string(),
  shipFromCity: z.string(),
});
export type ProductDetail = z.infer<typeof ZProductDetail>;

export const ZCategory = z.object({ id: z.uuid(), slug: z.string(), nameEn: z.string(), nameZh: z.string() });
