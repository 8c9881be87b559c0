/**
 * The message namespaces each route group's client components use (this module imports no
 * catalog: the shop's browser bundle reads it too, see shop-catalog.ts). Server components
 * translate on the server (src/i18n/server.ts) and need nothing in the page; only what a
 * client component reads with `useTranslations` has to reach the browser: in the page's HTML
 * for most groups, in a script the browser caches for the shop (see shop-catalog.ts). Paths
 * may name a whole namespace ("shop") or a part of one ("logistics.tracking").
 *
 * Adding a client component that reads a namespace not listed for its route group shows its
 * raw keys and logs a missing-message error: the page walker e2e spec fails on both.
 */
/** The site header (shop, auth and admin layouts) and the route error boundary. */
const HEADER = ["common", "shop.cart", "catalog.favourites.nav", "catalog.messages.nav", "users.account.nav", "notification.bell", "logs.findError"] as const;

export const CLIENT_NAMESPACES = {
  /** Root error and not-found pages. */
  root: ["common", "logs.findError"],
  auth: [...HEADER, "auth", "users.signIn", "users.account", "users.reset", "users.errors"],
  phone: ["common", "payment.method", "payment.methodHint", "payment.status", "payment.failure", "payment.errors", "payment.cashier", "payment.phone"],
  shop: [
    ...HEADER,
    "shop",
    "catalog.status",
    "catalog.shop",
    "catalog.favourites",
    "catalog.messages",
    "images",
    "logistics.status",
    "logistics.tracking",
    "logistics.shipping",
    "logistics.admin.calculator",
    "payment.method",
    "payment.methodHint",
    "payment.status",
    "payment.refundStatus",
    "payment.failure",
    "payment.errors",
    "payment.cashier",
    "payment.section",
    "lifecycle.receipt",
    "apiKeys",
    "users.account",
    "users.errors",
    "notification",
  ],
  admin: [...HEADER, "shop.order", "shop.totals", "admin", "apiKeys", "audit", "catalog", "dashboard", "images", "lifecycle", "logistics", "logs", "monitoring", "orderHub", "payment", "simulation", "users"],
} as const satisfies Record<string, readonly string[]>;

export type ClientGroup = keyof typeof CLIENT_NAMESPACES;

type Tree = { [key: string]: unknown };

function pick(target: Tree, source: Tree, path: string[]): void {
  const [head, ...rest] = path;
  if (head === undefined || !(head in source)) return;
  const value = source[head];
  if (rest.length === 0 || typeof value !== "object" || value === null) {
    target[head] = value;
    return;
  }
  const existing = target[head];
  const child: Tree = typeof existing === "object" && existing !== null ? (existing as Tree) : {};
  target[head] = child;
  pick(child, value as Tree, rest);
}

/** The parts of `catalog` that `paths` name ("shop", "logistics.tracking"), in a new object. */
export function pickMessages<T>(catalog: T, paths: readonly string[]): T {
  const result: Tree = {};
  for (const path of paths) pick(result, catalog as unknown as Tree, path.split("."));
  // A partial catalog: use-intl resolves keys at run time, so the full type is kept for callers.
  return result as unknown as T;
}
