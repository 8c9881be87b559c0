import { expect, test } from "@playwright/test";
import { DEMO, signInViaApi } from "../fixtures/auth";

test("[ADMIN][SETTINGS] admin sets the API's requests per minute, sees a bad value explained, and reads the page in Chinese", async ({ page, context, baseURL }) => {
  await signInViaApi(page, DEMO.admin);
  await page.goto("/admin/settings");
  await page.getByRole("link", { name: "API", exact: true }).first().click();
  await expect(page).toHaveURL(/\/admin\/settings\/api$/);
  await expect(page.getByRole("heading", { level: 1, name: "API" })).toBeVisible();
  const field = page.getByLabel("Requests per minute");
  const before = await field.inputValue();
  expect(Number(before)).toBeGreaterThanOrEqual(10);

  await field.fill("5");
  await page.getByRole("button", { name: "Save API settings" }).click();
  await expect(page.getByText("Enter at least 10.")).toBeVisible();

  await field.fill("1200");
  await page.getByRole("button", { name: "Save API settings" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Requests per minute")).toHaveValue("1200");

  await context.addCookies([{ name: "shopflow-locale", value: "zh-CN", url: baseURL! }]);
  await page.reload();
  await expect(page.getByLabel("每分钟请求数")).toHaveValue("1200");
  await expect(page.getByRole("button", { name: "保存 API 设置" })).toBeVisible();

  // Leave the allowance as it was for the other specs.
  await page.getByLabel("每分钟请求数").fill(before);
  await page.getByRole("button", { name: "保存 API 设置" }).click();
  await expect(page.getByText("已保存。")).toBeVisible();
});
