import { expect, test, type Page } from "@playwright/test";
import { DEMO, signInRequest } from "../fixtures/auth";
import { createWalkData, type WalkData } from "../fixtures/page-walk";

/**
 * The pages people open on a phone fit a 390 px screen (iPhone 12–15) without sideways
 * scrolling; each is attached to the report as a full-page screenshot to look at.
 */
const PHONE = { width: 390, height: 844 };

let data: WalkData;

test.beforeAll(async ({ browser, baseURL }) => {
  data = await createWalkData(browser, baseURL!);
});

async function fitsTheScreen(page: Page, url: string, name: string) {
  await page.goto(url);
  await page.waitForLoadState("networkidle");
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    clientWidth: document.scrollingElement!.clientWidth,
  }));
  await test.info().attach(`${name}-390.png`, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  const wide = await page.evaluate((limit) => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("body *"))) {
      const r = el.getBoundingClientRect();
      if (r.right > limit + 1 && out.length < 5) out.push(`${el.tagName.toLowerCase()}.${el.className.toString().slice(0, 60)} right=${Math.round(r.right)}`);
    }
    return out;
  }, clientWidth);
  expect(scrollWidth, `${url} scrolls sideways; widest: ${wide.join(" | ")}`).toBeLessThanOrEqual(clientWidth);
}

for (const locale of ["zh-CN", "en"] as const) {
  test(`shopper pages fit 390 px (${locale})`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, viewport: PHONE, locale, extraHTTPHeaders: { "Accept-Language": locale } });
    await context.addCookies([{ name: "shopflow-locale", value: locale, url: baseURL! }]);
    try {
      const page = await context.newPage();
      await signInRequest(page.request, data.shopper);
      await fitsTheScreen(page, `/pay/${data.unpaidOrderId}`, `cashier-${locale}`);
      await fitsTheScreen(page, `/orders/${data.shippedOrderId}`, `order-${locale}`);
      await fitsTheScreen(page, `/orders/${data.shippedOrderId}/tracking`, `tracking-${locale}`);
    } finally {
      await context.close();
    }
  });

  test(`admin shipments fit 390 px (${locale})`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ baseURL, viewport: PHONE, locale, extraHTTPHeaders: { "Accept-Language": locale } });
    await context.addCookies([{ name: "shopflow-locale", value: locale, url: baseURL! }]);
    try {
      const page = await context.newPage();
      await signInRequest(page.request, DEMO.admin);
      await fitsTheScreen(page, "/admin/shipments", `admin-shipments-${locale}`);
    } finally {
      await context.close();
    }
  });
}
