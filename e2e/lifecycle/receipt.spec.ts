import { expect, test, type Browser } from "@playwright/test";
import { createDatabase } from "../../src/server/db/client";
import { transitionOrder } from "../../src/server/domain/order";
import { DEMO, signInViaApi } from "../fixtures/auth";
import { createPaidOrder, e2eDatabaseUrl } from "../fixtures/logistics";

async function signedInPage(browser: Browser, account: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInViaApi(page, account);
  return page;
}

/** Moves a paid order to delivered with the order module's own transitions (actor "system", reason "e2e fixture"). */
async function deliver(orderId: string) {
  const { sql, db } = createDatabase(e2eDatabaseUrl(), 2);
  try {
    await db.transaction(async (tx) => {
      await transitionOrder(tx, { orderId, to: "shipped", by: { actor: "system", note: "e2e fixture" } });
      await transitionOrder(tx, { orderId, to: "delivered", by: { actor: "system", note: "e2e fixture" } });
    });
  } finally {
    await sql.end();
  }
}

test("[SHOP][LIFECYCLE] shopper confirms receipt of a delivered order; admin Tasks lists the tasks with the mode", async ({ browser, request }) => {
  const order = await createPaidOrder(request, { sku: "AP-4005" });
  await deliver(order.id);

  const shopper = await signedInPage(browser, DEMO.shopper);
  await shopper.goto(`/orders/${order.id}`);
  const receipt = shopper.getByRole("region", { name: "Receipt" });
  await expect(receipt).toContainText("Your order was delivered");
  await receipt.getByRole("button", { name: "Confirm receipt" }).click();
  await expect(shopper.getByRole("region", { name: "Receipt" })).toHaveCount(0);
  await expect(shopper.getByText("Completed").first()).toBeVisible();

  const admin = await signedInPage(browser, DEMO.admin);
  await admin.goto("/admin/tasks");
  await expect(admin.getByRole("heading", { name: "Scheduled tasks" })).toBeVisible();
  await expect(admin.getByText("Mode: Local scheduler (in-process)")).toBeVisible();
  const tasks = admin.getByRole("table", { name: "Tasks" });
  await expect(tasks.getByRole("row", { name: /lifecycle-reconciliation/ })).toBeVisible();
  await expect(tasks.getByRole("row", { name: /payment-reconciliation/ })).toBeVisible();
  // The local scheduler records its runs: the outbox relay runs every two seconds.
  await expect(tasks.getByRole("row", { name: /lifecycle-outbox-relay/ })).toContainText("succeeded");
  await admin.getByRole("button", { name: "Run now: lifecycle-reconciliation" }).click();
  await expect(tasks.getByRole("row", { name: /lifecycle-reconciliation/ }).getByRole("status")).toHaveText("Run recorded");
});
