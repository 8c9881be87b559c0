export * from "./order.machine";
export * from "./order.schemas";
export * from "./order.service";
export { nextOrderNoSql, formatOrderNo, orderNoPrefix } from "./order-number";
export { orderDashboard } from "./order.dashboard";
export { orderTimelineRows, recordOrderAdminAction, type OrderAdminAction } from "./order.timeline";
export { isShopperOrder, shopperOrderTerms } from "./order-visibility";
