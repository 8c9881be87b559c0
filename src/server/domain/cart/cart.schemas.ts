import { z } from "zod";

export const MAX_LINE_QUANTITY = 99;

export const ZAddToCartInput = z.object({
  productId: z.uuid({ message: "Unknown product" }),
  quantity: z.number().int().min(1, "At least 1").max(MAX_LINE_QUANTITY, `At most ${MAX_LINE_QUANTITY}`).default(1),
});
export const ZUpdateCartItemInput = z.object({
  itemId: z.uuid({ message: "Unknown cart item" }),
  quantity: z.number().int().min(1, "At least 1").max(MAX_LINE_QUANTITY, `At most ${MAX_LINE_QUANTITY}`),
});
export const ZRemoveCartItemInput = z.object({ itemId: z.uuid({ message: "Unknown cart item" }) });

export const ZCartLine = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  sku: z.string(),
  name: z.string(),
  /** The Simplified Chinese name; empty when the product has none (show `name`). */
  nameZh: z.string(),
  imageUrl: z.string().nullable(),
  unitPriceMinor: z.number().int(),
  currency: z.string(),
  quantity: z.number().int(),
  lineTotalMinor: z.number().int(),
  available: z.number().int(),
  weightGrams: z.number().int(),
});
export type CartLine = z.infer<typeof ZCartLine>;

export const ZCart = z.object({
  lines: z.array(ZCartLine),
  itemsTotalMinor: z.number().int(),
  currency: z.string(),
  itemCount: z.number().int(),
});
export type Cart = z.infer<typeof ZCart>;
