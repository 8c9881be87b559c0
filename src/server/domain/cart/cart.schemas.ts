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

/** The most lines a guest cart (kept in the browser) may carry to preview or merge. */
export const MAX_GUEST_LINES = 50;

/** One line of a guest's cart as the browser keeps it: a product and how many. */
export const ZGuestCartLine = z.object({
  productId: z.uuid({ message: "Unknown product" }),
  quantity: z.number().int().min(1, "At least 1").max(MAX_LINE_QUANTITY, `At most ${MAX_LINE_QUANTITY}`),
});
export type GuestCartLine = z.infer<typeof ZGuestCartLine>;

export const ZGuestCartInput = z.object({
  lines: z.array(ZGuestCartLine).max(MAX_GUEST_LINES, `At most ${MAX_GUEST_LINES} lines`),
});
export type GuestCartInput = z.infer<typeof ZGuestCartInput>;

/**
 * What merging changed beyond a plain addition: a line that was capped (by stock or the
 * per-line limit, `kept` < `requested`) or left out (`kept` 0: unknown, no longer sold or sold out).
 */
export const ZMergeAdjustment = z.object({
  productId: z.uuid(),
  requested: z.number().int(),
  kept: z.number().int(),
});

export const ZMergeCartOutput = z.object({
  cart: ZCart,
  adjustments: z.array(ZMergeAdjustment),
});
export type MergeCartOutput = z.infer<typeof ZMergeCartOutput>;
