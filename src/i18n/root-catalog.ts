import enCommon from "@/messages/en/common.json";
import enLogs from "@/messages/en/logs.json";
import zhCommon from "@/messages/zh-CN/common.json";
import zhLogs from "@/messages/zh-CN/logs.json";
import { CLIENT_NAMESPACES, pickMessages } from "./client-namespaces";
import type { Locale } from "./config";
import type { Messages } from "./messages";

/**
 * The root layout's client messages (the root error and not-found pages), part of the script
 * bundle instead of every page's HTML. As a prop of the root provider, their ≈ 9 KB went
 * through the RSC payload of every page of every group — serialised, parsed back for the
 * server render and written into the HTML again on each view — although each group's own
 * provider replaces them below the root (docs/performance.md, round 15). The test beside this
 * file checks that the result is what `clientMessages(locale, "root")` gives.
 */
const en = { common: enCommon, logs: enLogs };
const zh = { common: zhCommon, logs: zhLogs };

export const ROOT_MESSAGES: Record<Locale, Messages> = {
  en: pickMessages(en as unknown as Messages, CLIENT_NAMESPACES.root),
  "zh-CN": pickMessages(zh as unknown as Messages, CLIENT_NAMESPACES.root),
};
