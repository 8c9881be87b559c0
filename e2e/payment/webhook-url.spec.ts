import { expect, test } from "@playwright/test";
import { DEMO, signInViaApi } from "../fixtures/auth";

test("[ADMIN][WEBHOOK] an internal address is refused on the URL field, in the reader's language", async ({ page, context, baseURL }) => {
  await signInViaApi(page, DEMO.admin);
  await page.goto("/admin/settings/payments");
  const webhooks = page.getByRole("region", { name: "Webhook endpoints" });

  await webhooks.getByLabel("Endpoint URL").fill("http://169.254.169.254/latest/meta-data/");
  await webhooks.getByRole("button", { name: "Add endpoint" }).click();
  const field = webhooks.getByLabel("Endpoint URL");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(/is inside a private network .* cannot receive webhooks/);
  await expect(webhooks.getByText("169.254.169.254", { exact: false })).toHaveCount(0);

  await context.addCookies([{ name: "shopflow-locale", value: "zh-CN", url: baseURL! }]);
  await page.reload();
  const zh = page.getByRole("region", { name: "Webhook 端点" });
  await zh.getByLabel("端点 URL").fill("http://2130706433:5432/");
  await zh.getByRole("button", { name: "添加端点" }).click();
  await expect(zh.getByLabel("端点 URL")).toHaveAccessibleDescription(/该地址位于内部网络/);
  await expect(zh.getByText("2130706433")).toHaveCount(0);
});
