import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createDatabase } from "../../src/server/db/client";
import { recordTaskRun } from "../../src/server/domain/lifecycle";
import { DomainError } from "../../src/server/errors";
import { DEMO, signInViaApi } from "../fixtures/auth";
import { e2eDatabaseUrl } from "../fixtures/logistics";

/** Records a failed manual run of a task straight in the database, as a worker would. */
async function recordFailedRun(taskId: string, message: string, error: Error = new Error(message)) {
  const { sql, db } = createDatabase(e2eDatabaseUrl(), 2);
  try {
    await recordTaskRun(db, { taskId, trigger: "manual", mode: "local" }, async () => {
      throw error;
    }).catch(() => undefined);
  } finally {
    await sql.end();
  }
}

test("[ADMIN][TASKS] a run that fails while the Tasks page is open appears without a reload", async ({ page }) => {
  await signInViaApi(page, DEMO.admin);
  await page.goto("/admin/tasks");
  const failures = page.getByRole("heading", { name: "Recent failures" }).locator("..");
  await expect(failures).toBeVisible();

  const marker = `carrier unreachable ${randomUUID().slice(0, 8)}`;
  await recordFailedRun("lifecycle-reconciliation", marker);
  // No navigation: the page refreshes itself while open.
  await expect(failures).toContainText(marker, { timeout: 15_000 });
});

test("[ADMIN][TASKS][I18N] in Chinese, a failed run reads what kind of failure it was; the error as thrown stays in details", async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: "shopflow-locale", value: "zh-CN", url: baseURL! }]);
  await signInViaApi(page, DEMO.admin);
  const unexpected = `carrier unreachable ${randomUUID().slice(0, 8)}`;
  const refused = `Order not found ${randomUUID().slice(0, 8)}`;
  await recordFailedRun("lifecycle-reconciliation", unexpected);
  await recordFailedRun("lifecycle-reconciliation", refused, new DomainError("ORDER_NOT_FOUND", refused));

  await page.goto("/admin/tasks");
  const failures = page.getByRole("heading", { name: "最近失败" }).locator("..");
  const unexpectedRun = failures.locator("li", { hasText: unexpected });
  const refusedRun = failures.locator("li", { hasText: refused });
  await expect(unexpectedRun.getByTestId("task-error")).toContainText("意外错误");
  await expect(refusedRun.getByTestId("task-error")).toContainText("所需的数据不存在");
  // The English error is developers' detail: folded away until asked for.
  await expect(refusedRun.getByText(refused)).toBeHidden();
  await refusedRun.locator("summary").click();
  await expect(refusedRun.getByText(`DomainError(ORDER_NOT_FOUND): ${refused}`)).toBeVisible();
});
