import {
  ZAddToCartInput,
  ZCart,
  ZGuestCartInput,
  ZMergeCartOutput,
  ZRemoveCartItemInput,
  ZUpdateCartItemInput,
  addToCart,
  getCart,
  mergeGuestCart,
  previewGuestCart,
  removeCartItem,
  updateCartItem,
} from "@/server/domain/cart";
import { createTRPCRouter, publicProcedure, shopperProcedure } from "../trpc";
import { rest } from "../openapi";

export const cartRouter = createTRPCRouter({
  get: shopperProcedure
    .meta(rest("GET", "/cart", "Get your cart", { tag: "Cart" })).output(ZCart).query(({ ctx }) => getCart(ctx.db, ctx.session.id)),
  add: shopperProcedure
    .meta(rest("POST", "/cart/items", "Add a product to your cart", { tag: "Cart" }))
    .input(ZAddToCartInput)
    .output(ZCart)
    .mutation(({ ctx, input }) => addToCart(ctx.db, { userId: ctx.session.id, ...input })),
  update: shopperProcedure
    .meta(rest("PATCH", "/cart/items/{itemId}", "Change a cart line's quantity", { tag: "Cart" }))
    .input(ZUpdateCartItemInput)
    .output(ZCart)
    .mutation(({ ctx, input }) => updateCartItem(ctx.db, { userId: ctx.session.id, ...input })),
  remove: shopperProcedure
    .meta(rest("DELETE", "/cart/items/{itemId}", "Remove a cart line", { tag: "Cart" }))
    .input(ZRemoveCartItemInput)
    .output(ZCart)
    .mutation(({ ctx, input }) => removeCartItem(ctx.db, { userId: ctx.session.id, ...input })),
  preview: publicProcedure
    .meta(
      rest("POST", "/cart/preview", "Price a guest's cart", {
        tag: "Cart",
        protect: false,
        description: "Prices lines a visitor keeps in their browser with current product data and stock, without signing in. Products no longer on sale are left out; each line's id is its product id.",
      }),
    )
    .input(ZGuestCartInput)
    .output(ZCart)
    .mutation(({ ctx, input }) => previewGuestCart(ctx.db, input.lines)),
  merge: shopperProcedure
    .meta(
      rest("POST", "/cart/merge", "Merge a guest's cart into your cart", {
        tag: "Cart",
        description: "Adds the lines a visitor collected before signing in to the account's cart in one transaction, each capped by available stock and the per-line limit; says which lines were capped or left out.",
      }),
    )
    .input(ZGuestCartInput)
    .output(ZMergeCartOutput)
    .mutation(({ ctx, input }) => mergeGuestCart(ctx.db, { userId: ctx.session.id, lines: input.lines })),
});
