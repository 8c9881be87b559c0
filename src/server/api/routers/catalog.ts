import { z } from "zod";
import {
  ZCategory,
  ZListProductsInput,
  ZListProductsOutput,
  ZProductDetail,
  getProduct,
  listCategories,
  listProducts,
} from "@/server/domain/catalog";
import { createTRPCRouter, publicProcedure } from "../trpc";

export const catalogRouter = createTRPCRouter({
  list: publicProcedure
    .input(ZListProductsInput)
    .output(ZListProductsOutput)
    .query(({ ctx, input }) => listProducts(ctx.db, input)),
  byId: publicProcedure
    .input(z.object({ id: z.uuid({ message: "Product not found" }) }))
    .output(ZProductDetail)
    .query(({ ctx, input }) => getProduct(ctx.db, input.id)),
  categories: publicProcedure.output(z.array(ZCategory)).query(({ ctx }) => listCategories(ctx.db)),
});
