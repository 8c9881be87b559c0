import { expect, test } from "@playwright/test";
import { DEMO, signInViaApi } from "../fixtures/auth";

/**
 * Admin → Monitoring reads what every process writes: heartbeats every few seconds and the
 * gateways' request counts, flushed every 10 s. The page refreshes itself while open.
 */
test("[ADMIN][MONITORING] a request made a moment ago appears without a reload, and every role's process is listed", async ({ page }) => {
  await signInViaApi(page, DEMO.admin);
  await page.goto("/admin/monitoring");
  await expect(page.getByRole("heading", { name: "Monitoring", level: 1 })).toBeVisible();

  // The process list: the gateway, web and worker processes that `npm start` runs, all beating.
  const processes = page.getByRole("table", { name: "Processes", exact: true });
  for (const role of ["gateway", "web", "worker"]) {
    await expect(processes.locator(`tr[data-role="${role}"][data-status="alive"]`).first()).toBeVisible({ timeout: 20_000 });
  }
  await expect(processes).toContainText("Gateway");
  await expect(processes).toContainText("Worker");

  // A route nothing else in the shop calls: the REST form of this very page's read.
  const routes = page.getByRole("table", { name: "Requests per route" });
  const row = routes.getByRole("row").filter({ hasText: "rest GET /admin/monitoring" });
  await expect(row).toHaveCount(0);
  const answer = await page.request.get("/api/v1/admin/monitoring");
  expect(answer.status()).toBe(200);

  // No navigation: the gateway flushes within 10 s and the page refreshes every 5 s.
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  const count = Number(await row.getByRole("cell").nth(1).textContent());
  expect(count).toBeGreaterThanOrEqual(1);
  await expect(page.getByRole("img", { name: "Requests per minute" })).toBeVisible();
});
