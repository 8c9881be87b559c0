import {
  ZAddToCartInput,
  ZCart,
  ZRemoveCartItemInput,
  ZUpdateCartItemInput,
  addToCart,
  getCart,
  removeCartItem,
  updateCartItem,
} from "@/server/domain/cart";
import { createTRPCRouter, shopperProcedure } from "../trpc";
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
});
