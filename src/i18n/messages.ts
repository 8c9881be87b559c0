import type { Locale } from "./config";
import enAdmin from "@/messages/en/admin.json";
import enApiKeys from "@/messages/en/api-keys.json";
import enAuth from "@/messages/en/auth.json";
import enCatalog from "@/messages/en/catalog.json";
import enCommon from "@/messages/en/common.json";
import enDashboard from "@/messages/en/dashboard.json";
import enLifecycle from "@/messages/en/lifecycle.json";
import enLogistics from "@/messages/en/logistics.json";
import enNotification from "@/messages/en/notification.json";
import enPayment from "@/messages/en/payment.json";
import enShop from "@/messages/en/shop.json";
import enSimulation from "@/messages/en/simulation.json";
import zhAdmin from "@/messages/zh-CN/admin.json";
import zhApiKeys from "@/messages/zh-CN/api-keys.json";
import zhAuth from "@/messages/zh-CN/auth.json";
import zhCatalog from "@/messages/zh-CN/catalog.json";
import zhCommon from "@/messages/zh-CN/common.json";
import zhDashboard from "@/messages/zh-CN/dashboard.json";
import zhLifecycle from "@/messages/zh-CN/lifecycle.json";
import zhLogistics from "@/messages/zh-CN/logistics.json";
import zhNotification from "@/messages/zh-CN/notification.json";
import zhPayment from "@/messages/zh-CN/payment.json";
import zhShop from "@/messages/zh-CN/shop.json";
import zhSimulation from "@/messages/zh-CN/simulation.json";

/** One JSON file per module and language, so modules add strings without touching each other. */
const en = { common: enCommon, auth: enAuth, shop: enShop, admin: enAdmin, payment: enPayment, logistics: enLogistics, lifecycle: enLifecycle, notification: enNotification, simulation: enSimulation, catalog: enCatalog, apiKeys: enApiKeys, dashboard: enDashboard };
const zh = { common: zhCommon, auth: zhAuth, shop: zhShop, admin: zhAdmin, payment: zhPayment, logistics: zhLogistics, lifecycle: zhLifecycle, notification: zhNotification, simulation: zhSimulation, catalog: zhCatalog, apiKeys: zhApiKeys, dashboard: zhDashboard };

export type Messages = typeof en;
export const MESSAGES: Record<Locale, Messages> = { en, "zh-CN": zh as Messages };
