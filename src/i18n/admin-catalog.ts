import { CLIENT_NAMESPACES, pickMessages } from "./client-namespaces";
import type { Locale } from "./config";
import { MESSAGES, type Messages } from "./messages";

/**
 * The admin's client messages, part of the admin's script bundle instead of every admin page's
 * HTML — the shop's arrangement (shop-catalog.ts) for the group with the largest catalog.
 * Handed to the client provider as a prop, ≈ 80 KB of messages per language went through the
 * RSC payload of every admin view (serialised key by key, parsed back for the server render,
 * written into the HTML again); as a module the browser loads them once with the scripts. The
 * admin group reads nearly every namespace, so the whole catalog is imported and picked here:
 * the few texts the admin never shows (sign-in, the shop's own pages) cost less than a second
 * list of imports to keep in step. The test beside this file checks the result is what
 * `clientMessages(locale, "admin")` gives.
 */
export const ADMIN_MESSAGES: Record<Locale, Messages> = {
  en: pickMessages(MESSAGES.en, CLIENT_NAMESPACES.admin),
  "zh-CN": pickMessages(MESSAGES["zh-CN"], CLIENT_NAMESPACES.admin),
};
