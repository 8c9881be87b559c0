import {
  ZCorrectStockInput,
  ZLowStockInput,
  ZLowStockOutput,
  ZMovementListInput,
  ZMovementListOutput,
  ZReceiveStockInput,
  ZStockLevel,
  correctStock,
  listLowStock,
  listMovements,
  receiveStock,
} from "@/server/domain/inventory";
import { adminProcedure, createTRPCRouter } from "../trpc";
import { rest } from "../openapi";

/** Admin stock: receipts, counted corrections, movement history and the low-stock queue. */
export const adminStockRouter = createTRPCRouter({
  receive: adminProcedure
    .meta(rest("POST", "/admin/stock/receipts", "Receive stock for a product", { tag: "Admin: stock" }))
    .input(ZReceiveStockInput)
    .output(ZStockLevel)
    .mutation(({ ctx, input }) => receiveStock(ctx.db, { input, by: { userId: ctx.session.id } })),
  correct: adminProcedure
    .meta(rest("POST", "/admin/stock/corrections", "Correct a product's counted stock", { tag: "Admin: stock" }))
    .input(ZCorrectStockInput)
    .output(ZStockLevel)
    .mutation(({ ctx, input }) => correctStock(ctx.db, { input, by: { userId: ctx.session.id } })),
  movements: adminProcedure
    .meta(rest("GET", "/admin/stock/movements", "Stock movements of a product", { tag: "Admin: stock" }))
    .input(ZMovementListInput)
    .output(ZMovementListOutput)
    .query(({ ctx, input }) => listMovements(ctx.db, input)),
  lowStock: adminProcedure
    .meta(rest("GET", "/admin/stock/low", "Products at or below their low-stock threshold", { tag: "Admin: stock" }))
    .input(ZLowStockInput)
    .output(ZLowStockOutput)
    .query(({ ctx, input }) => listLowStock(ctx.db, input)),
});
