import { addressRouter } from "./routers/address";
import { adminApiKeyRouter, apiKeyRouter } from "./routers/api-key";
import { adminApiRouter } from "./routers/admin-api";
import { adminCarriersRouter } from "./routers/admin-carriers";
import { adminCatalogRouter } from "./routers/admin-catalog";
import { adminDashboardRouter } from "./routers/admin-dashboard";
import { adminLogisticsRouter } from "./routers/admin-logistics";
import { adminOrderRouter } from "./routers/admin-order";
import { adminPaymentRouter } from "./routers/admin-payment";
import { adminSimulationRouter } from "./routers/admin-simulation";
import { adminStockRouter } from "./routers/admin-stock";
import { authRouter } from "./routers/auth";
import { cartRouter } from "./routers/cart";
import { catalogRouter } from "./routers/catalog";
import { favouriteRouter } from "./routers/favourite";
import { lifecycleRouter } from "./routers/lifecycle";
import { logisticsRouter } from "./routers/logistics";
import { adminMessageRouter, messageRouter } from "./routers/message";
import { notificationRouter } from "./routers/notification";
import { orderRouter } from "./routers/order";
import { paymentRouter } from "./routers/payment";
import { createCallerFactory, createTRPCRouter } from "./trpc";

export const appRouter = createTRPCRouter({
  auth: authRouter,
  catalog: catalogRouter,
  adminCatalog: adminCatalogRouter,
  adminStock: adminStockRouter,
  cart: cartRouter,
  favourite: favouriteRouter,
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
  message: messageRouter,
  adminMessage: adminMessageRouter,
  adminSimulation: adminSimulationRouter,
  apiKey: apiKeyRouter,
  adminApiKey: adminApiKeyRouter,
  adminApi: adminApiRouter,
  adminDashboard: adminDashboardRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
