import fs from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import sharp from "sharp";
import { LOCALE_COOKIE } from "../../src/i18n/config";
import { findProduct, placeOrderViaApi, trpcMutation, trpcQuery } from "../fixtures/api";
import { DEMO, signInRequest } from "../fixtures/auth";
import { shotPath, USER_GUIDE_LANGUAGES, USER_GUIDE_SHOTS, type UserGuideLanguage, type UserGuideShot } from "./user-guide-shots";

/**
 * Takes the screenshots of the user guides in English and Simplified Chinese, as the demo shopper
 * and the demo admin, on data made through the app's own API (orders paid, shipped, delivered,
 * refunded; a message; a favourite; an API key). Slow, so it runs only when asked:
 * `DOCS_SCREENSHOTS=1 npx playwright test e2e/docs/user-guide-screenshots.spec.ts`.
 * Chinese pages need a CJK font in the browser's system (Debian: fonts-wqy-microhei).
 */
test.skip(process.env.DOCS_SCREENSHOTS !== "1", "takes the user guide's screenshots only when DOCS_SCREENSHOTS=1 (docs/user-guide.md)");
test.describe.configure({ timeout: 15 * 60_000 });

const VIEWPORT = { width: 1280, height: 800 };
const ROOT = path.resolve(import.meta.dirname, "../..");

type Role = "shopper" | "admin";
type Contexts = Record<UserGuideLanguage, Record<Role, Page>>;

async function signedInPage(browser: Browser, baseURL: string, language: UserGuideLanguage, role: Role): Promise<Page> {
  const context: BrowserContext = await browser.newContext({ baseURL, viewport: VIEWPORT, deviceScaleFactor: 1, locale: language });
  await context.addCookies([{ name: LOCALE_COOKIE, value: language, url: baseURL }]);
  const page = await context.newPage();
  await signInRequest(page.request, role === "admin" ? DEMO.admin : DEMO.shopper);
  return page;
}

/** Writes a screenshot as a palette PNG: a fifth of the size, no visible change on these flat pages. */
async function save(png: Buffer, language: UserGuideLanguage, shot: UserGuideShot): Promise<void> {
  const file = path.join(ROOT, shotPath(language, shot));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, await sharp(png).png({ palette: true, quality: 90, compressionLevel: 9, effort: 10 }).toBuffer());
}

test("[DOCS] the user guide's screenshots, in English and Chinese", async ({ browser, baseURL }) => {
  const taken = new Set<string>();
  const pages = {} as Contexts;
  for (const language of USER_GUIDE_LANGUAGES) {
    pages[language] = { shopper: await signedInPage(browser, baseURL!, language, "shopper"), admin: await signedInPage(browser, baseURL!, language, "admin") };
  }

  /**
   * Opens `url` in each language as `role`, waits for the page's heading, for `ready` (when given)
   * and for the network to rest, and saves the viewport (or just `part`).
   */
  async function shoot(shot: UserGuideShot, role: Role, url: string, options: { ready?: (page: Page) => Locator; part?: (page: Page) => Locator; prepare?: (page: Page) => Promise<void> } = {}) {
    for (const language of USER_GUIDE_LANGUAGES) {
      const page = pages[language][role];
      await page.goto(url);
      await expect(page.locator("h1").first()).toBeVisible();
      await expect(page.locator("html")).toHaveAttribute("lang", language);
      if (options.prepare) await options.prepare(page);
      if (options.ready) await expect(options.ready(page).first()).toBeVisible();
      // Sections that load on the client (the order's payment, charts) show a spinner meanwhile.
      await expect(page.locator(".animate-spin")).toHaveCount(0);
      await page.waitForLoadState("networkidle");
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      const png = options.part ? await options.part(page).screenshot() : await page.screenshot();
      await save(png, language, shot);
      taken.add(shot);
    }
  }

  // ---- data, through the app's API as the demo shopper and the demo admin
  const shopper = pages.en.shopper.request;
  const admin = pages.en.admin.request;

  const pay = async (orderId: string) => {
    const created = await trpcMutation<{ payment: { id: string } }>(shopper, "payment.create", { orderId, method: "card" });
    await trpcMutation(shopper, "payment.pay", { paymentId: created.payment.id, method: "card", card: { number: "4242424242424242" } });
  };
  // Shipped and on its way: order page, tracking with the map, admin order and shipments.
  const shipped = await placeOrderViaApi(shopper, [{ q: "Headphones", quantity: 1 }]);
  await pay(shipped.id);
  await trpcMutation(admin, "adminLogistics.ship", { orderId: shipped.id });
  // Delivered: the shopper confirms receipt.
  const delivered = await placeOrderViaApi(shopper, [{ q: "Power Bank", quantity: 2 }]);
  await pay(delivered.id);
  const parcel = await trpcMutation<{ id: string }>(admin, "adminLogistics.ship", { orderId: delivered.id });
  await trpcMutation(admin, "adminLogistics.markDelivered", { id: parcel.id, signer: "本人" });
  // Paid, then a refund requested: the shopper's order page and the admin's review.
  const refunded = await placeOrderViaApi(shopper, [{ q: "Speaker", quantity: 1 }]);
  await pay(refunded.id);
  const { refund } = await trpcMutation<{ refund: { id: string } }>(shopper, "payment.requestRefund", {
    orderId: refunded.id,
    amountMinor: Math.min(1000, refunded.payableTotalMinor),
    reason: "Arrived scratched",
    idempotencyKey: `docs-refund-${Date.now()}`,
  });
  // Awaiting payment: the cashier by card, and one with a QR payment open.
  const unpaid = await placeOrderViaApi(shopper, [{ q: "Keyboard", quantity: 1 }]);
  const qrOrder = await placeOrderViaApi(shopper, [{ q: "Pillow", quantity: 1 }]);
  const qrPayment = await trpcMutation<{ payment: { id: string } }>(shopper, "payment.create", { orderId: qrOrder.id, method: "alipay" });
  await trpcMutation(shopper, "payment.pay", { paymentId: qrPayment.payment.id, method: "alipay" });
  // A conversation, a favourite, a cart and an API key.
  const thread = await trpcMutation<{ id: string }>(shopper, "message.create", { type: "question", orderId: shipped.id, body: "Could the parcel be left with the building's concierge?" });
  await trpcMutation(admin, "adminMessage.reply", { id: thread.id, body: "Yes: we have told the courier. 好的，已通知快递员。" });
  const product = await findProduct(shopper, "Rice Cooker");
  await trpcMutation(shopper, "favourite.add", { productId: product.id });
  await trpcMutation(shopper, "cart.add", { productId: product.id, quantity: 2 });
  const keys = await trpcQuery<{ name: string; status: string }[]>(shopper, "apiKey.list");
  if (!keys.some((k) => k.name === "Accounting export" && k.status === "active")) await trpcMutation(shopper, "apiKey.create", { name: "Accounting export" });

  // ---- shopper
  await shoot("shop-home", "shopper", "/", { ready: (p) => p.locator('a[href^="/products/"] img') });
  await shoot("shop-product", "shopper", `/products/${product.id}`);
  await shoot("shop-cart", "shopper", "/cart");
  await shoot("shop-checkout", "shopper", "/checkout");
  await shoot("shop-cashier-card", "shopper", `/pay/${unpaid.id}`, {
    prepare: async (p) => {
      await p.locator('input[name="method"][value="card"]').check();
      const testCards = p.locator("details").filter({ has: p.locator('ul li button') });
      if ((await testCards.getAttribute("open")) === null) await testCards.locator("summary").click();
    },
    ready: (p) => p.locator("details[open] li button"),
  });
  await shoot("shop-cashier-qr", "shopper", `/pay/${qrOrder.id}`, { ready: (p) => p.locator('a[href^="/pay/scan/"]') });
  const scan = await pages.en.shopper.locator('a[href^="/pay/scan/"]').getAttribute("href");
  await shoot("shop-phone", "shopper", scan!, { ready: (p) => p.getByRole("button") });
  await shoot("shop-order", "shopper", `/orders/${shipped.id}`);
  await shoot("shop-tracking", "shopper", `/orders/${shipped.id}/tracking`, { ready: (p) => p.locator("svg image") });
  await shoot("shop-receipt", "shopper", `/orders/${delivered.id}`);
  await shoot("shop-refund", "shopper", `/orders/${refunded.id}`);
  await shoot("shop-favourites", "shopper", "/favourites");
  await shoot("shop-messages", "shopper", `/messages/${thread.id}`);
  await shoot("shop-api-keys", "shopper", "/account/api-keys");
  await shoot("shop-language", "shopper", "/orders", { part: (p) => p.getByRole("banner") });

  // ---- admin
  await shoot("admin-home", "admin", "/admin");
  await shoot("admin-orders", "admin", "/admin/orders");
  await shoot("admin-order", "admin", `/admin/orders/${shipped.id}`);
  await shoot("admin-payments", "admin", "/admin/payments");
  await shoot("admin-refunds", "admin", "/admin/refunds");
  await shoot("admin-refund", "admin", `/admin/refunds/${refund.id}`);
  await shoot("admin-shipments", "admin", "/admin/shipments");
  await shoot("admin-carriers", "admin", "/admin/carriers");
  await shoot("admin-couriers", "admin", "/admin/couriers");
  await shoot("admin-products", "admin", "/admin/products");
  await shoot("admin-stock", "admin", "/admin/stock");
  await shoot("admin-messages", "admin", "/admin/messages");
  await shoot("admin-tasks", "admin", "/admin/tasks");
  await shoot("admin-reports", "admin", "/admin/reports/payments");
  await shoot("admin-monitoring", "admin", "/admin/monitoring");
  await shoot("admin-logs", "admin", "/admin/logs");
  await shoot("admin-users", "admin", "/admin/users");
  await shoot("admin-settings", "admin", "/admin/settings/payments");
  await shoot("admin-api-keys", "admin", "/admin/api-keys");

  expect([...taken].sort()).toEqual([...USER_GUIDE_SHOTS].sort());
  for (const language of USER_GUIDE_LANGUAGES) for (const page of Object.values(pages[language])) await page.context().close();
});
