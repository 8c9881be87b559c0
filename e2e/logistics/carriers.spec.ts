import { expect, test } from "@playwright/test";
import { DEMO, signInViaApi } from "../fixtures/auth";

test("[ADMIN][LOGISTICS] admin creates a carrier with fee rules and the fee calculator shows the expected breakdown", async ({ page }) => {
  await signInViaApi(page, DEMO.admin);
  const code = `E${Date.now().toString(36).toUpperCase()}`.slice(0, 10);
  await page.goto("/admin/carriers/new");
  await page.getByLabel("Code", { exact: true }).first().fill(code);
  await page.getByLabel("Name (English)").first().fill("Test Freight");
  await page.getByLabel("Name (Chinese)").first().fill("测试货运");
  await page.getByLabel("Tracking prefix").fill("TF");
  await page.getByLabel("Digits before the check digit").fill("10");
  const level = page.getByRole("group", { name: "Service level 1" });
  await level.getByLabel("Name (English)").fill("Road");
  await level.getByLabel("Name (Chinese)").fill("陆运");
  await level.getByLabel("First weight (g)").fill("1000");
  await level.getByLabel("Additional step (g)").fill("500");
  await level.getByLabel("Volumetric divisor (cm³/kg)").fill("6000");
  const prices: Record<string, [string, string]> = {
    "Same city": ["6", "1"],
    "Same province": ["8", "1.5"],
    "Neighbouring province": ["10", "2"],
    Far: ["12", "3"],
    Remote: ["20", "8"],
  };
  for (const [zone, [first, additional]] of Object.entries(prices)) {
    await level.getByLabel(`${zone} First weight`).fill(first);
    await level.getByLabel(`${zone} Each additional step`).fill(additional);
  }
  await page.getByRole("button", { name: "Create carrier" }).click();
  await expect(page).toHaveURL(/\/admin\/carriers$/);
  await expect(page.getByRole("table", { name: "Carriers" }).getByRole("row", { name: new RegExp(code) })).toContainText("Test Freight");

  // Hangzhou → Shenzhen is "far". 2.3 kg in a 30 × 20 × 20 cm box: 12,000,000 mm³ / 6000 = 2 kg
  // volumetric, so billed on 2.3 kg → 2.5 kg: ¥12 first kilo + 3 × 500 g at ¥3 = ¥21.
  const calculator = page.getByRole("form", { name: "Fee calculator" });
  await calculator.getByLabel("Carrier and service").selectOption({ label: "Test Freight · Road" });
  await calculator.getByLabel("To province").selectOption("广东省");
  await calculator.getByLabel("To city").selectOption("深圳市");
  await calculator.getByLabel("Weight (g)").fill("2300");
  await calculator.getByLabel("Length (mm)").fill("300");
  await calculator.getByLabel("Width (mm)").fill("200");
  await calculator.getByLabel("Height (mm)").fill("200");
  await calculator.getByRole("button", { name: "Calculate" }).click();
  const breakdown = page.getByRole("region", { name: "Breakdown" });
  await expect(breakdown.getByTestId("calc-zone")).toHaveText("Far");
  await expect(breakdown.getByTestId("calc-chargeable")).toHaveText("2.500 kg");
  await expect(breakdown).toContainText("3 × 0.500 kg at ¥3.00");
  await expect(breakdown.getByTestId("calc-total")).toHaveText("¥21.00");
});
