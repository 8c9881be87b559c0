import { z } from "zod";
import {
  ZCategory,
  ZListProductsInput,
  ZListProductsOutput,
  ZProductDetail,
  getProduct,
  listCategories,
  listPublicProducts,
} from "@/server/domain/catalog";
import { createTRPCRouter, publicProcedure } from "../trpc";
import { rest } from "../openapi";

export const catalogRouter = createTRPCRouter({
  list: publicProcedure
    .meta(rest("GET", "/products", "List products (paged, filtered)", { tag: "Catalog", protect: false }))
    .input(ZListProductsInput)
    .output(ZListProductsOutput)
    .query(({ ctx, input }) => listPublicProducts(ctx.db, input)),
  byId: publicProcedure
    .meta(rest("GET", "/products/{id}", "Get a product", { tag: "Catalog", protect: false }))
    .input(z.object({ id: z.uuid({ message: "Product not found" }) }))
    .output(ZProductDetail)
    .query(({ ctx, input }) => getProduct(ctx.db, input.id)),
  categories: publicProcedure
    .meta(rest("GET", "/categories", "List categories", { tag: "Catalog", protect: false })).output(z.array(ZCategory)).query(({ ctx }) => listCategories(ctx.db)),
});
