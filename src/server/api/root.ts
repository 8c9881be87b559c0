import { addressRouter } from "./routers/address";
import { adminApiKeyRouter, apiKeyRouter } from "./routers/api-key";
import { adminApiRouter } from "./routers/admin-api";
import { adminCarriersRouter } from "./routers/admin-carriers";
import { adminCatalogRouter } from "./routers/admin-catalog";
import { adminLogsRouter } from "./routers/admin-logs";
import { adminDashboardRouter } from "./routers/admin-dashboard";
import { adminLogisticsRouter } from "./routers/admin-logistics";
import { adminMonitoringRouter } from "./routers/admin-monitoring";
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
import { accountRouter, adminUsersRouter } from "./routers/users";
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
  adminMonitoring: adminMonitoringRouter,
  adminLogs: adminLogsRouter,
  account: accountRouter,
  adminUsers: adminUsersRouter,
  adminDashboard: adminDashboardRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
