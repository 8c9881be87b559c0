import { expect, test } from "@playwright/test";
import { signUpViaApi } from "../fixtures/auth";

test("[SHOP][ADDRESS] a shopper adds, edits, re-defaults and deletes addresses, with errors beside the fields", async ({ page }) => {
  await signUpViaApi(page.request, "Address Tester");
  await page.goto("/addresses");
  await expect(page.getByText("You have no saved addresses yet.")).toBeVisible();

  await page.getByRole("button", { name: "Add an address" }).click();
  const form = page.getByRole("form", { name: "New address" });
  await form.getByLabel("Phone", { exact: true }).fill("12");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.getByLabel("Phone", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("Enter a phone number: 6 to 20 digits, spaces or dashes.")).toBeVisible();
  await expect(form.getByText("Choose the city.")).toBeVisible();
  // The city can only be chosen once a province is.
  await expect(form.getByLabel("City", { exact: true })).toBeDisabled();

  // Province, city and district are picked from the division lists, never typed.
  const areas = new Set(["Province", "City", "District"]);
  const fill = async (values: Record<string, string>) => {
    for (const [label, value] of Object.entries(values)) {
      const field = page.getByLabel(label, { exact: true });
      if (areas.has(label)) await field.selectOption(value);
      else await field.fill(value);
    }
  };
  await fill({ Recipient: "刘洋", Phone: "13512345678", Province: "广东省", City: "深圳市", District: "南山区", "Street address": "科技园南路 1 号" });
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Address saved.")).toBeVisible();
  const cards = page.getByRole("list", { name: "Your addresses" }).getByRole("listitem");
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText("Default");

  await page.getByRole("button", { name: "Add an address" }).click();
  await fill({ Recipient: "刘洋", Phone: "13512345678", Province: "四川省", City: "成都市", District: "武侯区", "Street address": "天府大道 2 号" });
  await page.getByRole("button", { name: "Save" }).click();
  await expect(cards).toHaveCount(2);
  const chengdu = cards.filter({ hasText: "天府大道 2 号" });
  const shenzhen = cards.filter({ hasText: "科技园南路 1 号" });
  await expect(chengdu).not.toContainText("Default");

  await chengdu.getByRole("button", { name: "Set as default" }).click();
  await expect(page.getByText("Default address changed.")).toBeVisible();
  await expect(chengdu).toContainText("Default");
  await expect(shenzhen).not.toContainText("Default");

  await shenzhen.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("form", { name: "Edit address" });
  await edit.getByLabel("Street address", { exact: true }).fill("科技园南路 99 号");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(cards.filter({ hasText: "科技园南路 99 号" })).toHaveCount(1);

  await cards.filter({ hasText: "科技园南路 99 号" }).getByRole("button", { name: "Delete" }).click();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await expect(page.getByText("Address deleted.")).toBeVisible();
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText("天府大道 2 号");
});
