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

/** Admin stock: receipts, counted corrections, movement history and the low-stock queue. */
export const adminStockRouter = createTRPCRouter({
  receive: adminProcedure
    .input(ZReceiveStockInput)
    .output(ZStockLevel)
    .mutation(({ ctx, input }) => receiveStock(ctx.db, { input, by: { userId: ctx.session.id } })),
  correct: adminProcedure
    .input(ZCorrectStockInput)
    .output(ZStockLevel)
    .mutation(({ ctx, input }) => correctStock(ctx.db, { input, by: { userId: ctx.session.id } })),
  movements: adminProcedure
    .input(ZMovementListInput)
    .output(ZMovementListOutput)
    .query(({ ctx, input }) => listMovements(ctx.db, input)),
  lowStock: adminProcedure
    .input(ZLowStockInput)
    .output(ZLowStockOutput)
    .query(({ ctx, input }) => listLowStock(ctx.db, input)),
});
