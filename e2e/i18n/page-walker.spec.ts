import fs from "node:fs";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO } from "../fixtures/auth";
import { STORED_TEXT_PAGES, STORED_TEXT_WORDS, createWalkData, languageContext, strayHan, strayLatin, visibleWords, watchPage, type Finding, type WalkData } from "../fixtures/page-walk";

/**
 * Walks every page of the app as a shopper and as an admin, in 简体中文 and in English, and
 * fails on what a reader notices: English words on a Chinese page (or Chinese on an English
 * one) outside data and identifiers, a page title in the other language, a console error or a
 * refused request. The route list is checked against src/app so a new page is walked too.
 */

const APP = path.join(process.cwd(), "src/app");

/**
 * Every page route under src/app/[locale] (every page is there; the browser's URLs carry no
 * language), route groups removed: "/messages/[id]". The catch-all that answers paths no page
 * matches is the not-found page, not a page of its own.
 */
function appRoutes(): string[] {
  const routes: string[] = [];
  const visit = (dir: string, parts: string[]) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (entry.name === "api" || entry.name === "[...missing]") continue;
        visit(path.join(dir, entry.name), /^\(.*\)$/.test(entry.name) ? parts : [...parts, entry.name]);
      } else if (entry.name === "page.tsx") routes.push("/" + parts.join("/"));
    }
  };
  visit(path.join(APP, "[locale]"), []);
  return routes.sort();
}

/** Pages a shopper or a visitor sees, with the ids the walk created. */
function shopperPages(data: WalkData): Record<string, string> {
  return {
    "/": "/",
    // Pages that show one record are one route for every id (next.config.ts routes the ids to it).
    "/products/view": `/products/${data.productId}`,
    "/cart": "/cart",
    "/checkout": "/checkout",
    "/orders": "/orders",
    "/orders/view": `/orders/${data.unpaidOrderId}`,
    "/orders/view/tracking": `/orders/${data.shippedOrderId}/tracking`,
    "/pay/view": `/pay/${data.unpaidOrderId}`,
    "/addresses": "/addresses",
    "/favourites": "/favourites",
    "/messages": "/messages",
    "/messages/[id]": `/messages/${data.threadId}`,
    "/notifications": "/notifications",
    "/account/api-keys": "/account/api-keys",
    "/account/password": "/account/password",
    "/track": "/track",
    // The benchmark's floor: the shop layout around an empty page.
    "/floor": "/floor",
  };
}

/** Pages that need no session (walked in a signed-out context). */
function visitorPages(): Record<string, string> {
  return {
    "/sign-in": "/sign-in",
    "/sign-up": "/sign-up",
    "/reset-password": "/reset-password?token=not-a-real-token",
  };
}

const ADMIN_STATIC = [
  "/admin", "/admin/api-keys", "/admin/carriers", "/admin/carriers/new", "/admin/categories", "/admin/couriers", "/admin/couriers/new",
  "/admin/logs", "/admin/messages", "/admin/monitoring", "/admin/orders", "/admin/payments", "/admin/products", "/admin/products/new",
  "/admin/refunds", "/admin/reports", "/admin/reports/logistics", "/admin/reports/payments", "/admin/settings", "/admin/settings/api",
  "/admin/settings/lifecycle", "/admin/settings/logistics", "/admin/settings/logs", "/admin/settings/payments", "/admin/shipments",
  "/admin/simulation", "/admin/stock", "/admin/tasks", "/admin/users", "/admin/webhooks",
];

/** Admin detail pages: the ids come from the walk's data or from the first row of each list. */
const ADMIN_DETAIL_FROM_LIST: Record<string, { list: string; pattern: RegExp }> = {
  "/admin/carriers/[id]": { list: "/admin/carriers", pattern: /^\/admin\/carriers\/(?!new$)[^/?#]+$/ },
  "/admin/couriers/[id]": { list: "/admin/couriers", pattern: /^\/admin\/couriers\/(?!new$)[^/?#]+$/ },
  "/admin/payments/[id]": { list: "/admin/payments", pattern: /^\/admin\/payments\/[^/?#]+$/ },
  "/admin/products/[id]": { list: "/admin/products", pattern: /^\/admin\/products\/(?!new$)[^/?#]+$/ },
  "/admin/refunds/[id]": { list: "/admin/refunds", pattern: /^\/admin\/refunds\/[^/?#]+$/ },
  "/admin/shipments/[id]": { list: "/admin/shipments", pattern: /^\/admin\/shipments\/[^/?#]+$/ },
  "/admin/users/[id]": { list: "/admin/users", pattern: /^\/admin\/users\/[^/?#]+$/ },
};

async function firstLink(page: Page, pattern: RegExp): Promise<string | null> {
  const find = async () => (await page.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""))).find((h) => pattern.test(h)) ?? null;
  // A list built once per language reads its rows after the page arrives: wait for them.
  await expect.poll(find, { timeout: 15_000 }).not.toBeNull().catch(() => undefined);
  return find();
}

async function check(page: Page, url: string, locale: "en" | "zh-CN", data: WalkData, findings: Finding[]) {
  const before = findings.length;
  const response = await page.goto(url);
  if (!response || response.status() >= 400) findings.push({ url, problem: `page answered ${response?.status()}` });
  // "load", not "networkidle": the cashier and order pages poll while a payment is open.
  await page.waitForLoadState("load");
  const title = await page.title();
  const texts = await visibleWords(page);
  if (locale === "zh-CN") {
    // A title that is only the brand ("shopflow", the shop's home) is in no language.
    if ((title !== "shopflow" && !/[\u4e00-\u9fff]/.test(title)) || strayLatin([title], data.words).length > 0) findings.push({ url, problem: `title not in 简体中文: "${title}"` });
    const path = new URL(page.url()).pathname;
    const latin = strayLatin(texts, data.words).filter((w) => !(STORED_TEXT_PAGES.test(path) && STORED_TEXT_WORDS.has(w.toLowerCase())));
    if (latin.length > 0) findings.push({ url, problem: `Latin words: ${latin.join(", ")}` });
  } else {
    if (/[\u4e00-\u9fff]/.test(title)) findings.push({ url, problem: `title not in English: "${title}"` });
    const han = strayHan(texts, data.words);
    if (han.length > 0) findings.push({ url, problem: `Han characters: ${han.join(", ")}` });
  }
  for (const f of findings.slice(before)) console.warn(`[${locale}] ${f.url}: ${f.problem}`);
}

/**
 * One language's walk: the visitor's, the shopper's and the admin's pages, one after another.
 * The two languages are walked side by side (no page the walk opens changes what another one
 * shows): one page at a time left a core of two idle while the other worked (server, then browser).
 */
async function walkLanguage(browser: Browser, baseURL: string, locale: "en" | "zh-CN", data: WalkData, walked: Set<string>, findings: Finding[]) {
  const visitor = await browser.newContext({ baseURL, locale, extraHTTPHeaders: { "Accept-Language": locale } });
  await visitor.addCookies([{ name: "shopflow-locale", value: locale, url: baseURL }]);
  const shopper = await languageContext(browser, baseURL, locale, data.shopper);
  const admin = await languageContext(browser, baseURL, locale, DEMO.admin);
  try {
    const pages = { visitor: await visitor.newPage(), shopper: await shopper.newPage(), admin: await admin.newPage() };
    for (const p of Object.values(pages)) watchPage(p, findings, baseURL);

    for (const [route, url] of Object.entries(visitorPages())) {
      walked.add(route);
      await check(pages.visitor, url, locale, data, findings);
    }
    for (const [route, url] of Object.entries(shopperPages(data))) {
      walked.add(route);
      await check(pages.shopper, url, locale, data, findings);
    }
    // The phone page behind the cashier's QR code (the alipay payment is open), signed out.
    await pages.shopper.goto(`/pay/${data.unpaidOrderId}`);
    const scan = await pages.shopper.locator('a[href*="/pay/scan/"]').first().getAttribute("href");
    walked.add("/pay/scan/[token]");
    await check(pages.visitor, new URL(scan!, baseURL).pathname, locale, data, findings);
    // The shipped order's own page too: a shipped order reads differently from an unpaid one.
    await check(pages.shopper, `/orders/${data.shippedOrderId}`, locale, data, findings);

    for (const url of ADMIN_STATIC) {
      walked.add(url);
      await check(pages.admin, url, locale, data, findings);
    }
    walked.add("/admin/orders/[id]");
    await check(pages.admin, `/admin/orders/${data.unpaidOrderId}`, locale, data, findings);
    await check(pages.admin, `/admin/orders/${data.shippedOrderId}`, locale, data, findings);
    walked.add("/admin/tasks/runs/[id]");
    await check(pages.admin, `/admin/tasks/runs/${data.taskRunId}`, locale, data, findings);
    walked.add("/admin/messages/[id]");
    await check(pages.admin, `/admin/messages/${data.threadId}`, locale, data, findings);
    for (const [route, { list, pattern }] of Object.entries(ADMIN_DETAIL_FROM_LIST)) {
      await pages.admin.goto(list);
      const href = await firstLink(pages.admin, pattern);
      if (!href) {
        findings.push({ url: list, problem: `no link to ${route} on the list` });
        continue;
      }
      walked.add(route);
      await check(pages.admin, href, locale, data, findings);
    }
  } finally {
    await Promise.all([visitor.close(), shopper.close(), admin.close()]);
  }
}

test.describe.configure({ mode: "serial" });
test.setTimeout(240_000);

test("every page reads in one language, with no console errors, for shoppers and admins", async ({ browser, baseURL }) => {
  const data = await createWalkData(browser, baseURL!);
  const walked = new Set<string>();
  const findings: Finding[] = [];

  await Promise.all((["zh-CN", "en"] as const).map((locale) => walkLanguage(browser, baseURL!, locale, data, walked, findings)));

  expect(appRoutes().filter((route) => !walked.has(route)), "routes under src/app the walk does not reach").toEqual([]);
  const report = findings.map((f) => `${f.url}: ${f.problem}`);
  await test.info().attach("findings.txt", { body: report.join("\n") || "none", contentType: "text/plain" });
  expect([...new Set(report)]).toEqual([]);
});
