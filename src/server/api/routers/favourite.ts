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

/** A shopper's favourites (收藏); each shopper sees and changes only their own. */
export const favouriteRouter = createTRPCRouter({
  list: shopperProcedure
    .input(ZListFavouritesInput)
    .output(ZListFavouritesOutput)
    .query(({ ctx, input }) => listFavourites(ctx.db, { userId: ctx.session.id, input })),
  state: shopperProcedure
    .input(ZFavouriteProductInput)
    .output(ZFavouriteState)
    .query(({ ctx, input }) => favouriteState(ctx.db, { userId: ctx.session.id, input })),
  add: shopperProcedure
    .input(ZFavouriteProductInput)
    .output(ZFavouriteState)
    .mutation(({ ctx, input }) => addFavourite(ctx.db, { userId: ctx.session.id, input })),
  remove: shopperProcedure
    .input(ZFavouriteProductInput)
    .output(ZFavouriteState)
    .mutation(({ ctx, input }) => removeFavourite(ctx.db, { userId: ctx.session.id, input })),
});
