import { addressRouter } from "./routers/address";
import { adminApiRouter } from "./routers/admin-api";
import { adminCarriersRouter } from "./routers/admin-carriers";
import { adminLogisticsRouter } from "./routers/admin-logistics";
import { adminOrderRouter } from "./routers/admin-order";
import { adminPaymentRouter } from "./routers/admin-payment";
import { adminSimulationRouter } from "./routers/admin-simulation";
import { authRouter } from "./routers/auth";
import { cartRouter } from "./routers/cart";
import { catalogRouter } from "./routers/catalog";
import { lifecycleRouter } from "./routers/lifecycle";
import { logisticsRouter } from "./routers/logistics";
import { notificationRouter } from "./routers/notification";
import { orderRouter } from "./routers/order";
import { paymentRouter } from "./routers/payment";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  catalog: catalogRouter,
  cart: cartRouter,
  address: addressRouter,
  order: orderRouter,
  adminOrder: adminOrderRouter,
  payment: paymentRouter,
  adminPayment: adminPaymentRouter,
  logistics: logisticsRouter,
  adminLogistics: adminLogisticsRouter,
  adminCarriers: adminCarriersRouter,
  lifecycle: lifecycleRouter,
  notification: notificationRouter,
  adminSimulation: adminSimulationRouter,
  adminApi: adminApiRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
