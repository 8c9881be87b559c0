import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createDatabase } from "../../src/server/db/client";
import { recordTaskRun } from "../../src/server/domain/lifecycle";
import { DEMO, signInViaApi } from "../fixtures/auth";
import { e2eDatabaseUrl } from "../fixtures/logistics";

/** Records a failed manual run of a task straight in the database, as a worker would. */
async function recordFailedRun(taskId: string, message: string) {
  const { sql, db } = createDatabase(e2eDatabaseUrl(), 2);
  try {
    await recordTaskRun(db, { taskId, trigger: "manual", mode: "local" }, async () => {
      throw new Error(message);
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
