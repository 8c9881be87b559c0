import { z } from "zod";

export const ZFavouriteProductInput = z.object({ productId: z.uuid({ message: "Product not found" }) });
export type FavouriteProductInput = z.input<typeof ZFavouriteProductInput>;

export const ZFavouriteState = z.object({ productId: z.uuid(), saved: z.boolean() });
export type FavouriteState = z.infer<typeof ZFavouriteState>;

export const ZListFavouritesInput = z.object({
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(24),
});
export type ListFavouritesInput = z.input<typeof ZListFavouritesInput>;

/** A saved product as the shopper's list shows it: today's price and availability. */
export const ZFavourite = z.object({
  productId: z.uuid(),
  name: z.string(),
  nameZh: z.string(),
  imageUrl: z.string().nullable(),
  priceMinor: z.number().int(),
  currency: z.string(),
  available: z.number().int(),
  /** False once the shop hides or archives the product: kept in the list, not orderable. */
  onSale: z.boolean(),
  savedAt: z.date(),
});
export type Favourite = z.infer<typeof ZFavourite>;

export const ZListFavouritesOutput = z.object({
  items: z.array(ZFavourite),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
