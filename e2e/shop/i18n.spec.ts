import { expect, test } from "@playwright/test";
import { DEMO, signInViaApi } from "../fixtures/auth";

test("[SHOP][I18N] the shopper pages render in Chinese and the choice persists across pages and reloads", async ({ page }) => {
  await signInViaApi(page, DEMO.shopper2);
  await page.goto("/orders");
  await expect(page.getByRole("heading", { name: "My orders" })).toBeVisible();
  await page.getByLabel("Language").selectOption("zh-CN");
  await expect(page.getByRole("heading", { name: "我的订单" })).toBeVisible();
  await expect(page.getByLabel("订单状态")).toBeVisible();

  await page.getByTestId("header-cart").click();
  await expect(page.getByRole("heading", { name: "购物车" })).toBeVisible();
  await page.goto("/addresses");
  await expect(page.getByRole("heading", { name: "收货地址" })).toBeVisible();
  await expect(page.getByRole("button", { name: "新增地址" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "收货地址" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");

  await page.getByLabel("语言").selectOption("en");
  await expect(page.getByRole("heading", { name: "Addresses" })).toBeVisible();
});

test("[SHOP][I18N] a first visit follows the browser's language; the reader's own choice then wins", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByLabel("语言")).toHaveValue("zh-CN");

  await page.getByLabel("语言").selectOption("en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByLabel("Language")).toHaveValue("en");
  await context.close();
});

test("[SHOP][I18N] a shop page carries only its language, no message catalog, and its header still reads in both languages", async ({ page, baseURL }) => {
  await signInViaApi(page, DEMO.shopper2);
  for (const [locale, ordersLink] of [["en", "My orders"], ["zh-CN", "我的订单"]] as const) {
    await page.context().addCookies([{ name: "shopflow-locale", value: locale, url: baseURL! }]);
    const response = await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await expect(page.getByRole("link", { name: ordersLink })).toBeVisible();
    // The root layout's and the shop's client messages come with the scripts: a key that only
    // a client component's catalog holds (the route error's log link) is not in the page.
    expect(await response!.text()).not.toContain("findError");
  }
});
