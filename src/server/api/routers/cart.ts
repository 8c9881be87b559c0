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

export const cartRouter = createTRPCRouter({
  get: shopperProcedure.output(ZCart).query(({ ctx }) => getCart(ctx.db, ctx.session.id)),
  add: shopperProcedure
    .input(ZAddToCartInput)
    .output(ZCart)
    .mutation(({ ctx, input }) => addToCart(ctx.db, { userId: ctx.session.id, ...input })),
  update: shopperProcedure
    .input(ZUpdateCartItemInput)
    .output(ZCart)
    .mutation(({ ctx, input }) => updateCartItem(ctx.db, { userId: ctx.session.id, ...input })),
  remove: shopperProcedure
    .input(ZRemoveCartItemInput)
    .output(ZCart)
    .mutation(({ ctx, input }) => removeCartItem(ctx.db, { userId: ctx.session.id, ...input })),
});
