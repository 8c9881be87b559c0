import { splitLocalePath } from "@/i18n/config";

/**
 * Set by the gateway alone (it drops any copy a caller sent) on a view of a page whose id the
 * reader may not see: the proxy (src/proxy.ts) then has next.config.ts route the view to the
 * not-found page. Next listens where only the gateway reaches it, so the header cannot be forged.
 */
export const HIDDEN_PAGE_HEADER = "x-shopflow-hidden-page";

/**
 * The pages whose visibility the gateway checks: those that show one record by the id in their
 * URL (an order, its tracking, its cashier, a product), built once per language (next.config.ts),
 * and the admin area, whose lists are built once too and so no longer read the session themselves.
 */
export type IdPage = { kind: "order" | "product"; id: string } | { kind: "admin" };

const ORDER_PAGE = /^\/orders\/([^/]+)(?:\/tracking)?\/?$/;
const PRODUCT_PAGE = /^\/products\/([^/]+)\/?$/;
const PAY_PAGE = /^\/pay\/([^/]+)\/?$/;
const ADMIN_PAGE = /^\/admin(?:\/|$)/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Which record a page view shows, from its request URL (with or without a language, with any
 * query): `/orders/<id>`, `/orders/<id>/tracking` and the cashier `/pay/<id>` an order (the
 * phone's `/pay/scan/<token>` is none), `/products/<id>` a product, `/admin/…` the admin area;
 * null for every other path. An id that is not a UUID is returned as it is: no record has it.
 */
export function idPageOf(url: string): IdPage | null {
  const path = splitLocalePath(url.split("?", 1)[0] ?? "").rest;
  const order = ORDER_PAGE.exec(path) ?? PAY_PAGE.exec(path);
  if (order) return { kind: "order", id: order[1]! };
  const product = PRODUCT_PAGE.exec(path);
  if (product) return { kind: "product", id: product[1]! };
  if (ADMIN_PAGE.test(path)) return { kind: "admin" };
  return null;
}

/** Whether `id` can name a record at all (a UUID); anything else is not found without a read. */
export const isRecordId = (id: string) => UUID.test(id);

/**
 * The page Next renders for a path without its language: an order, tracking, cashier or product page is
 * its one shell, the same for every id (next.config.ts routes every id to it; the test of
 * next.config.ts keeps the two in step); any other path is its own page.
 */
export function renderedPageOf(path: string): string {
  const tracking = /\/tracking\/?$/.test(path);
  if (ORDER_PAGE.test(path)) return tracking ? "/orders/view/tracking" : "/orders/view";
  if (PAY_PAGE.test(path)) return "/pay/view";
  if (PRODUCT_PAGE.test(path)) return "/products/view";
  return path;
}
