import {
  ZFavouriteProductInput,
  ZFavouriteState,
  ZListFavouritesInput,
  ZListFavouritesOutput,
  addFavourite,
  favouriteState,
  listFavourites,
  removeFavourite,
} from "@/server/domain/favourite";
import { createTRPCRouter, shopperProcedure } from "../trpc";
import { rest } from "../openapi";

/** A shopper's favourites (收藏); each shopper sees and changes only their own. */
export const favouriteRouter = createTRPCRouter({
  list: shopperProcedure
    .meta(rest("GET", "/favourites", "List your favourites", { tag: "Favourites" }))
    .input(ZListFavouritesInput)
    .output(ZListFavouritesOutput)
    .query(({ ctx, input }) => listFavourites(ctx.db, { userId: ctx.session.id, input })),
  state: shopperProcedure
    .meta(rest("GET", "/favourites/{productId}", "Is this product one of your favourites?", { tag: "Favourites" }))
    .input(ZFavouriteProductInput)
    .output(ZFavouriteState)
    .query(({ ctx, input }) => favouriteState(ctx.db, { userId: ctx.session.id, input })),
  add: shopperProcedure
    .meta(rest("POST", "/favourites/{productId}", "Save a product to your favourites", { tag: "Favourites" }))
    .input(ZFavouriteProductInput)
    .output(ZFavouriteState)
    .mutation(({ ctx, input }) => addFavourite(ctx.db, { userId: ctx.session.id, input })),
  remove: shopperProcedure
    .meta(rest("DELETE", "/favourites/{productId}", "Remove a product from your favourites", { tag: "Favourites" }))
    .input(ZFavouriteProductInput)
    .output(ZFavouriteState)
    .mutation(({ ctx, input }) => removeFavourite(ctx.db, { userId: ctx.session.id, input })),
});
