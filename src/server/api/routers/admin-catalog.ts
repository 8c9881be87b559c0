import { z } from "zod";
import {
  ZAdminCategory,
  ZAdminProduct,
  ZAdminProductListInput,
  ZAdminProductListOutput,
  ZCatalogChangesInput,
  ZCatalogChangesOutput,
  ZCatalogIdInput,
  ZCreateCategoryInput,
  ZCreateProductInput,
  ZSetProductStatusInput,
  ZUpdateCategoryInput,
  ZUpdateProductInput,
  ZWarehouseOption,
  createCategory,
  createProduct,
  getAdminProduct,
  listAdminCategories,
  listAdminProducts,
  listCatalogChanges,
  listWarehouses,
  setProductStatus,
  updateCategory,
  updateProduct,
} from "@/server/domain/catalog";
import { adminProcedure, createTRPCRouter } from "../trpc";

const actor = (ctx: { session: { id: string }; requestId: string }) => ({ userId: ctx.session.id, requestId: ctx.requestId });

/** Admin products and categories; every write is audited with the admin and the request. */
export const adminCatalogRouter = createTRPCRouter({
  products: adminProcedure
    .input(ZAdminProductListInput)
    .output(ZAdminProductListOutput)
    .query(({ ctx, input }) => listAdminProducts(ctx.db, input)),
  productById: adminProcedure
    .input(ZCatalogIdInput)
    .output(ZAdminProduct)
    .query(({ ctx, input }) => getAdminProduct(ctx.db, input.id)),
  createProduct: adminProcedure
    .input(ZCreateProductInput)
    .output(ZAdminProduct)
    .mutation(({ ctx, input }) => createProduct(ctx.db, { input, by: actor(ctx) })),
  updateProduct: adminProcedure
    .input(ZUpdateProductInput)
    .output(ZAdminProduct)
    .mutation(({ ctx, input }) => updateProduct(ctx.db, { input, by: actor(ctx) })),
  setProductStatus: adminProcedure
    .input(ZSetProductStatusInput)
    .output(ZAdminProduct)
    .mutation(({ ctx, input }) => setProductStatus(ctx.db, { input, by: actor(ctx) })),
  categories: adminProcedure.output(z.array(ZAdminCategory)).query(({ ctx }) => listAdminCategories(ctx.db)),
  createCategory: adminProcedure
    .input(ZCreateCategoryInput)
    .output(ZAdminCategory)
    .mutation(({ ctx, input }) => createCategory(ctx.db, { input, by: actor(ctx) })),
  updateCategory: adminProcedure
    .input(ZUpdateCategoryInput)
    .output(ZAdminCategory)
    .mutation(({ ctx, input }) => updateCategory(ctx.db, { input, by: actor(ctx) })),
  warehouses: adminProcedure.output(z.array(ZWarehouseOption)).query(({ ctx }) => listWarehouses(ctx.db)),
  changes: adminProcedure
    .input(ZCatalogChangesInput)
    .output(ZCatalogChangesOutput)
    .query(({ ctx, input }) => listCatalogChanges(ctx.db, input)),
});
