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
  ZRemoveProductImageOutput,
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
  removeProductImage,
  setProductStatus,
  updateCategory,
  updateProduct,
} from "@/server/domain/catalog";
import { adminProcedure, createTRPCRouter } from "../trpc";
import { rest } from "../openapi";

const actor = (ctx: { session: { id: string }; requestId: string }) => ({ userId: ctx.session.id, requestId: ctx.requestId });

/** Admin products and categories; every write is audited with the admin and the request. */
export const adminCatalogRouter = createTRPCRouter({
  products: adminProcedure
    .meta(rest("GET", "/admin/products", "List products (all statuses)", { tag: "Admin: catalog" }))
    .input(ZAdminProductListInput)
    .output(ZAdminProductListOutput)
    .query(({ ctx, input }) => listAdminProducts(ctx.db, input)),
  productById: adminProcedure
    .meta(rest("GET", "/admin/products/{id}", "Get a product", { tag: "Admin: catalog" }))
    .input(ZCatalogIdInput)
    .output(ZAdminProduct)
    .query(({ ctx, input }) => getAdminProduct(ctx.db, input.id)),
  createProduct: adminProcedure
    .meta(rest("POST", "/admin/products", "Create a product", { tag: "Admin: catalog" }))
    .input(ZCreateProductInput)
    .output(ZAdminProduct)
    .mutation(({ ctx, input }) => createProduct(ctx.db, { input, by: actor(ctx) })),
  updateProduct: adminProcedure
    .meta(rest("PATCH", "/admin/products/{id}", "Change a product", { tag: "Admin: catalog" }))
    .input(ZUpdateProductInput)
    .output(ZAdminProduct)
    .mutation(({ ctx, input }) => updateProduct(ctx.db, { input, by: actor(ctx) })),
  setProductStatus: adminProcedure
    .meta(rest("POST", "/admin/products/{id}/status", "Show, hide or archive a product", { tag: "Admin: catalog" }))
    .input(ZSetProductStatusInput)
    .output(ZAdminProduct)
    .mutation(({ ctx, input }) => setProductStatus(ctx.db, { input, by: actor(ctx) })),
  /** The upload itself is multipart at the gateway (POST /api/admin/products/:id/image). */
  removeProductImage: adminProcedure
    .meta(rest("DELETE", "/admin/products/{id}/image", "Remove a product's picture (it shows its generated picture again)", { tag: "Admin: catalog" }))
    .input(ZCatalogIdInput)
    .output(ZRemoveProductImageOutput)
    .mutation(({ ctx, input }) => removeProductImage(ctx.db, { productId: input.id, by: actor(ctx) })),
  categories: adminProcedure
    .meta(rest("GET", "/admin/categories", "List categories", { tag: "Admin: catalog" })).output(z.array(ZAdminCategory)).query(({ ctx }) => listAdminCategories(ctx.db)),
  createCategory: adminProcedure
    .meta(rest("POST", "/admin/categories", "Create a category", { tag: "Admin: catalog" }))
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
