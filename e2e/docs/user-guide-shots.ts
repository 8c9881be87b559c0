/**
 * The screenshots of the user guides (docs/user-guide.md and docs/user-guide.zh-CN.md), taken by
 * e2e/docs/user-guide-screenshots.spec.ts into docs/images/user-guide/<language>/<name>.png.
 * test/user-guide-docs.test.ts checks that each exists and each guide shows every one of them.
 */
export const USER_GUIDE_LANGUAGES = ["en", "zh-CN"] as const;
export type UserGuideLanguage = (typeof USER_GUIDE_LANGUAGES)[number];

export const USER_GUIDE_SHOTS = [
  "shop-home",
  "shop-product",
  "shop-cart",
  "shop-checkout",
  "shop-cashier-card",
  "shop-cashier-qr",
  "shop-phone",
  "shop-order",
  "shop-tracking",
  "shop-receipt",
  "shop-refund",
  "shop-favourites",
  "shop-messages",
  "shop-api-keys",
  "shop-language",
  "admin-home",
  "admin-orders",
  "admin-order",
  "admin-payments",
  "admin-refunds",
  "admin-refund",
  "admin-shipments",
  "admin-carriers",
  "admin-couriers",
  "admin-products",
  "admin-stock",
  "admin-messages",
  "admin-tasks",
  "admin-reports",
  "admin-monitoring",
  "admin-logs",
  "admin-users",
  "admin-settings",
  "admin-api-keys",
] as const;
export type UserGuideShot = (typeof USER_GUIDE_SHOTS)[number];

/** Where a screenshot lives, relative to the repository root. */
export function shotPath(language: UserGuideLanguage, shot: UserGuideShot): string {
  return `docs/images/user-guide/${language}/${shot}.png`;
}
