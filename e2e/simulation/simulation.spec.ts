import { expect, test } from "@playwright/test";
import { trpcQuery } from "../fixtures/api";
import { DEMO, signInViaApi, signUpViaApi } from "../fixtures/auth";

type RunList = { items: { id: string; status: string; percent: number }[] };

test.describe("[ADMIN][SIMULATION]", () => {
  test("[ADMIN][SIMULATION] admin starts a small seeded simulation and watches it reach 100%", async ({ page }) => {
    await signInViaApi(page, DEMO.admin);
    // a run left over by an earlier session is finished by the local sweep first
    await expect
      .poll(async () => (await trpcQuery<RunList>(page.request, "adminSimulation.list", { page: 1, pageSize: 10 })).items.some((r) => r.status === "running"), { timeout: 60_000 })
      .toBe(false);

    await page.goto("/admin/simulation");
    await expect(page.getByRole("heading", { name: "Simulation", level: 1 })).toBeVisible();
    const form = page.getByRole("form", { name: "New run" });
    await form.getByLabel("Shoppers").fill("2");
    await form.getByLabel("Orders", { exact: true }).fill("4");
    await form.getByLabel("Orders per batch").fill("2");
    // small, and nothing that lands in the "to ship" lists other specs read
    for (const [label, value] of [
      ["Paid", "0"],
      ["Failed, then paid", "0"],
      ["Abandoned (expires)", "50"],
      ["Cancelled", "50"],
      ["Refunded", "0"],
      ["Delivery exception", "0"],
    ] as const) {
      await form.getByLabel(label, { exact: true }).fill(value);
    }
    await expect(form.getByText("Total: 100%")).toBeVisible();
    await form.getByLabel("Seed").fill("2026");
    await form.getByRole("button", { name: "Start simulation" }).click();

    const progress = page.getByRole("progressbar", { name: "Simulation progress" });
    await expect(progress).toBeVisible();
    await expect(progress).toHaveAttribute("aria-valuenow", "100", { timeout: 90_000 });
    await expect(page.getByText("4 of 4 orders generated")).toBeVisible();
    await expect(page.getByText("2 of 2 shoppers")).toBeVisible();
    await expect(page.getByRole("region", { name: "Current run" }).getByText("Completed")).toBeVisible();
    const history = page.getByRole("region", { name: "Run history" });
    await expect(history.getByRole("row").nth(1)).toContainText("Completed");
    await expect(history.getByRole("row").nth(1)).toContainText("2026");
  });

  test("[ADMIN][SIMULATION] an outcome mix that does not add up to 100% is refused with a message", async ({ page }) => {
    await signInViaApi(page, DEMO.admin);
    await page.goto("/admin/simulation");
    const form = page.getByRole("form", { name: "New run" });
    await form.getByLabel("Paid", { exact: true }).fill("90");
    await expect(form.getByText("Total: 140%")).toBeVisible();
    await form.getByRole("button", { name: "Start simulation" }).click();
    await expect(form.getByRole("alert").filter({ hasText: "The outcome mix must add up to 100%." })).toBeVisible();
  });
});

test.describe("[SHOP][NOTIFICATIONS]", () => {
  test("[SHOP][NOTIFICATIONS] a shopper's bell leads to the notifications page; other roles have no bell", async ({ page }) => {
    await signUpViaApi(page.request, "Bell Shopper");
    await page.goto("/");
    const bell = page.getByRole("link", { name: "Notifications, none unread" });
    await expect(bell).toBeVisible();
    await bell.click();
    await expect(page).toHaveURL(/\/notifications$/);
    await expect(page.getByRole("heading", { name: "Notifications", level: 1 })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "No notifications yet" })).toBeVisible();

    await page.context().clearCookies();
    await page.goto("/notifications");
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole("link", { name: /^Notifications/ })).toHaveCount(0);
  });
});
