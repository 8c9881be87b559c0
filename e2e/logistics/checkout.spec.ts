import { expect, test } from "@playwright/test";
import { findProduct, parseShownMoney, shownMoney, trpcMutation } from "../fixtures/api";
import { signUpViaApi } from "../fixtures/auth";

test("[SHOP][LOGISTICS] checkout offers carrier fee options and the order total includes the chosen fee", async ({ page }) => {
  test.slow();
  await signUpViaApi(page.request, "Fee Tester");
  await trpcMutation(page.request, "address.create", {
    recipient: "周杰",
    phone: "13700002222",
    province: "广东省",
    city: "深圳市",
    district: "南山区",
    detail: "科技园南区 1 号",
    isDefault: true,
  });
  // A 5.1 kg bag of rice from Beijing to Shenzhen: "far", and below every free-shipping threshold.
  const rice = await findProduct(page.request, "Wuchang Rice");
  await trpcMutation(page.request, "cart.add", { productId: rice.id, quantity: 1 });

  await page.goto("/checkout");
  const options = page.getByRole("group", { name: "Delivery options" });
  // Six seeded options (more if another spec added a carrier).
  await expect(options.getByRole("radio").nth(5)).toBeVisible();
  // The cheapest option is preselected and already in the total.
  await expect(options.getByRole("radio", { checked: true })).toHaveCount(1);

  // Swift Express Next-Day Air, far zone: 5.1 kg → 5.5 kg = ¥33 first kilo + 9 × 500 g at ¥8 = ¥105.
  const nextDay = options.getByRole("radio", { name: /Swift Express Next-Day Air/ });
  await expect(nextDay).toHaveAccessibleName("Swift Express Next-Day Air ¥105.00");
  await nextDay.check();
  const fee = 10_500;
  await expect(page.getByTestId("checkout-total")).toHaveText(shownMoney(rice.priceMinor + fee));

  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/pay\/[0-9a-f-]{36}$/);
  await page.goto(`/orders/${/\/pay\/([0-9a-f-]{36})/.exec(page.url())![1]!}`);
  await expect(page.getByTestId("order-total")).toHaveText(shownMoney(rice.priceMinor + fee));
  expect(parseShownMoney(await page.getByTestId("order-total").innerText())).toBe(rice.priceMinor + 10_500);
});
