import { expect, test } from "@playwright/test";
import { DEMO, signInViaApi } from "../fixtures/auth";

test("[ADMIN][LOGS] admin finds a failed API request by the request id its error shows, and opens the whole line", async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  // A caller's error: the problem document names the request id to quote.
  const failed = await page.request.get("/api/v1/products/00000000-0000-4000-8000-000000000000");
  expect(failed.status()).toBe(404);
  const problem = (await failed.json()) as { requestId: string };
  expect(problem.requestId).toMatch(/^[A-Za-z0-9._:-]+$/);

  await signInViaApi(page, DEMO.admin);
  await page.goto("/admin");
  await page.getByRole("navigation").getByRole("link", { name: "Logs", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Logs" })).toBeVisible();

  await page.getByLabel("Request ID").fill(problem.requestId);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`requestId=${problem.requestId}`));
  // The store receives lines about once a second: reload until the request's line is there.
  const line = page.getByTestId("log-line").filter({ hasText: "rest GET /products/{id}" });
  await expect(async () => {
    await page.reload();
    await expect(line).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(line).toContainText("→ 404");

  await line.getByText("request", { exact: true }).click();
  const json = line.getByTestId("log-line-json");
  await expect(json).toBeVisible();
  await expect(json).toContainText(`"requestId": "${problem.requestId}"`);
  await expect(json).toContainText('"status": 404');

  // The id in the line is itself a link to all of that request's lines.
  await expect(line.getByRole("link", { name: `Show the log lines of request ${problem.requestId}` })).toHaveAttribute("href", `/admin/logs?requestId=${problem.requestId}`);

  await context.addCookies([{ name: "shopflow-locale", value: "zh-CN", url: baseURL! }]);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "日志" })).toBeVisible();
  await expect(page.getByLabel("请求 ID")).toHaveValue(problem.requestId);
});
