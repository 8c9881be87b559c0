import { expect, test } from "@playwright/test";
import { DEMO, signInViaApi, signUpViaApi } from "../fixtures/auth";

test("[SHOP][API-KEY] a shopper creates a key, sees its secret once, then only its prefix, and revokes it", async ({ page }) => {
  await signUpViaApi(page.request, "Key Holder");
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await expect(page.getByText("No API keys yet.")).toBeVisible();

  await page.getByRole("button", { name: "Create a key" }).click();
  const form = page.getByRole("form", { name: "New API key" });
  await form.getByLabel("Name").fill("Accounting export");
  await form.getByLabel("Expires").selectOption({ label: "In 90 days" });
  await form.getByRole("button", { name: "Create a key" }).click();

  const shown = page.getByTestId("api-key-secret");
  await expect(shown).toContainText("you will not see it again");
  const secret = await shown.getByLabel("Secret key").inputValue();
  expect(secret).toMatch(/^sf_live_[0-9A-Za-z]{8}_[0-9A-Za-z]{43}$/);
  const prefix = secret.slice(0, "sf_live_".length + 8);

  const table = page.getByRole("table", { name: "Your API keys" });
  const row = table.getByRole("row").filter({ hasText: "Accounting export" });
  await expect(row).toContainText(prefix);
  await expect(row).toContainText("Your account");
  await expect(row).toContainText("Active");
  await expect(row.getByRole("cell").nth(4)).toHaveText("Never"); // last used

  await page.reload();
  await expect(page.getByTestId("api-key-secret")).toHaveCount(0);
  await expect(row).toContainText(prefix);
  expect(await page.content()).not.toContain(secret.slice(prefix.length + 1));

  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("Programs using it stop working");
  await row.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(page.getByRole("status")).toHaveText("Key revoked.");
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);
});

test("[ADMIN][API-KEY] an admin creates a read-only admin key, shown with its access label and owner, and revokes it", async ({ page }) => {
  await signInViaApi(page, DEMO.admin);
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { name: "Admin API keys", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "Create a key" }).click();
  const form = page.getByRole("form", { name: "New API key" });
  const name = `Reporting ${Date.now()}`;
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Access").selectOption({ label: "Admin, read only" });
  await form.getByRole("button", { name: "Create a key" }).click();
  const secret = await page.getByTestId("api-key-secret").getByLabel("Secret key").inputValue();
  expect(secret).toMatch(/^sf_live_/);
  await page.getByRole("button", { name: "I have saved it" }).click();
  await expect(page.getByTestId("api-key-secret")).toHaveCount(0);

  const row = page.getByRole("table", { name: "Your API keys" }).getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Admin, read only");
  await expect(row).toContainText((await page.getByTestId("signed-in-user").textContent())!);
  await expect(row).toContainText(secret.slice(0, 16));
  await row.getByRole("button", { name: "Revoke" }).click();
  await row.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(row).toContainText("Revoked");
});
