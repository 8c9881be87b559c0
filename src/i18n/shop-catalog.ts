import enApiKeys from "@/messages/en/api-keys.json";
import enCatalog from "@/messages/en/catalog.json";
import enCommon from "@/messages/en/common.json";
import enImages from "@/messages/en/images.json";
import enLifecycle from "@/messages/en/lifecycle.json";
import enLogistics from "@/messages/en/logistics.json";
import enLogs from "@/messages/en/logs.json";
import enNotification from "@/messages/en/notification.json";
import enPayment from "@/messages/en/payment.json";
import enShop from "@/messages/en/shop.json";
import enUsers from "@/messages/en/users.json";
import zhApiKeys from "@/messages/zh-CN/api-keys.json";
import zhCatalog from "@/messages/zh-CN/catalog.json";
import zhCommon from "@/messages/zh-CN/common.json";
import zhImages from "@/messages/zh-CN/images.json";
import zhLifecycle from "@/messages/zh-CN/lifecycle.json";
import zhLogistics from "@/messages/zh-CN/logistics.json";
import zhLogs from "@/messages/zh-CN/logs.json";
import zhNotification from "@/messages/zh-CN/notification.json";
import zhPayment from "@/messages/zh-CN/payment.json";
import zhShop from "@/messages/zh-CN/shop.json";
import zhUsers from "@/messages/zh-CN/users.json";
import { CLIENT_NAMESPACES, pickMessages } from "./client-namespaces";
import type { Locale } from "./config";
import type { Messages } from "./messages";

/**
 * The shop's client messages, part of the shop's script bundle instead of every page's HTML.
 * Handed to the client provider as a prop, the ≈ 35 KB of messages went into each shop page's
 * RSC payload: serialised key by key, parsed back for the server render and written into the
 * HTML again, on every view (docs/performance.md, round 11). As a module, the browser loads
 * them once and caches them with the rest of the scripts. Only the namespace files the shop
 * group reads are imported (no admin, auth or monitoring texts); the test beside this file
 * checks that the result is what `clientMessages(locale, "shop")` gives.
 */
const en = { common: enCommon, shop: enShop, payment: enPayment, logistics: enLogistics, lifecycle: enLifecycle, notification: enNotification, catalog: enCatalog, apiKeys: enApiKeys, logs: enLogs, users: enUsers, images: enImages };
const zh = { common: zhCommon, shop: zhShop, payment: zhPayment, logistics: zhLogistics, lifecycle: zhLifecycle, notification: zhNotification, catalog: zhCatalog, apiKeys: zhApiKeys, logs: zhLogs, users: zhUsers, images: zhImages };

export const SHOP_MESSAGES: Record<Locale, Messages> = {
  en: pickMessages(en as unknown as Messages, CLIENT_NAMESPACES.shop),
  "zh-CN": pickMessages(zh as unknown as Messages, CLIENT_NAMESPACES.shop),
};
