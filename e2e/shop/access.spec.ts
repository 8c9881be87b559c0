import { expect, test } from "@playwright/test";
import { DEMO, signInViaApi } from "../fixtures/auth";

test("[SHOP][AUTH] a visitor sees the catalog and is sent to sign-in from /admin; for a shopper /admin does not exist", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Catalog" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Catalog" }).getByRole("listitem")).toHaveCount(12);

  await page.goto("/admin");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=(%2F|\/)admin/);

  await signInViaApi(page, DEMO.shopper);
  const answer = await page.goto("/admin");
  expect(answer?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("[SHOP][I18N] the language switch persists across pages", async ({ page }) => {
  await page.goto("/");
  await page.getByLabel("Language").selectOption("zh-CN");
  await expect(page.getByRole("heading", { name: "全部商品" })).toBeVisible();
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "登录" })).toBeVisible();
  await page.getByLabel("语言").selectOption("en");
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("[SHOP][I18N] until the page's script runs, the language switch offers nothing it cannot load", async ({ page }) => {
  // The page as a slow connection shows it before its script arrives: a language chosen then
  // would change the select and load nothing, so the switch is disabled until hydration.
  await page.route(/\/_next\/static\/.*\.js(\?|$)/, (route) => route.abort());
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Catalog" })).toBeVisible();
  await expect(page.getByLabel("Language")).toBeDisabled();

  await page.unroute(/\/_next\/static\/.*\.js(\?|$)/);
  await page.reload();
  await expect(page.getByLabel("Language")).toBeEnabled();
  await page.getByLabel("Language").selectOption("zh-CN");
  await expect(page.getByRole("heading", { name: "全部商品" })).toBeVisible();
});

test("[ADMIN][AUTH] an admin signs in with the form and reaches the dashboard", async ({ page }) => {
  await page.goto("/sign-in?callbackUrl=/admin");
  await page.getByLabel("Email").fill(DEMO.admin.email);
  await page.getByLabel("Password").fill(DEMO.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  const sections = page.getByRole("navigation", { name: "Admin sections" }).getByRole("link");
  await expect(sections).toHaveCount(20);
  for (const name of ["Monitoring", "Logs", "Users", "Webhooks"]) await expect(sections.filter({ hasText: name })).toHaveCount(1);
});
