import { expect, test, type Page } from "@playwright/test";
import { findProduct, parseShownMoney, shownMoney, trpcMutation, trpcQuery } from "../fixtures/api";
import { signUpViaApi } from "../fixtures/auth";

/**
 * What the shopper sees next to "Place order" is what the order charges: delivery is quoted for
 * the address selected right now (a new one as soon as its place is picked), the total is never
 * shown without a quote, and a total that moved before the order was placed is refused.
 */
test.describe.configure({ timeout: 120_000 });

type Area = { province: string; city: string; district: string };

/** Fills the new-address fields, picking the place from the region selects. */
async function enterNewAddress(page: Page, { recipient, phone, detail, ...area }: Area & { recipient: string; phone: string; detail: string }) {
  const group = page.getByRole("group", { name: "New address" });
  await group.getByLabel("Recipient", { exact: true }).fill(recipient);
  await group.getByLabel("Phone", { exact: true }).fill(phone);
  await pickArea(page, area);
  await group.getByLabel("Street address", { exact: true }).fill(detail);
}

async function pickArea(page: Page, area: Area) {
  const group = page.getByRole("group", { name: "New address" });
  // Each level's choices load after the level above is chosen; selectOption waits for them.
  await group.getByLabel("Province", { exact: true }).selectOption(area.province);
  await group.getByLabel("City", { exact: true }).selectOption(area.city);
  await group.getByLabel("District", { exact: true }).selectOption(area.district);
}

/** The total on the order page and the amount the cashier asks to pay, both in minor units. */
async function chargedTotal(page: Page, orderId: string) {
  const order = await trpcQuery<{ payableTotalMinor: number; shippingFeeMinor: number; carrierCode: string | null; serviceLevel: string | null }>(
    page.request,
    "order.byId",
    { id: orderId },
  );
  await page.goto(`/pay/${orderId}`);
  await page.getByRole("radio", { name: /Card/ }).check();
  const payButton = page.getByRole("button", { name: /^Pay / });
  await expect(payButton).toBeVisible();
  return { order, cashierMinor: parseShownMoney(await payButton.innerText()) };
}

test("[SHOP][CHECKOUT] a first-time buyer picks a new address's region, chooses a carrier and is charged exactly the total shown", async ({ page }) => {
  await signUpViaApi(page.request, "First Buyer");
  // A 5.1 kg bag of rice shipped from Beijing: every option to Shenzhen has a fee.
  const rice = await findProduct(page.request, "Wuchang Rice");
  await trpcMutation(page.request, "cart.add", { productId: rice.id, quantity: 1 });

  await page.goto("/checkout");
  await expect(page.getByText("You have no saved addresses yet.")).toBeVisible();
  // No address, no quote: no total, no fee pretending to be "Free", nothing to confirm.
  await expect(page.getByTestId("checkout-total")).toHaveText("—");
  await expect(page.getByTestId("checkout-shipping")).toHaveText("Choose a delivery address");
  await expect(page.getByRole("button", { name: "Place order" })).toBeDisabled();

  await enterNewAddress(page, { recipient: "周杰", phone: "13700002222", province: "广东省", city: "深圳市", district: "南山区", detail: "科技园南区 1 号" });
  const options = page.getByRole("group", { name: "Delivery options" });
  await expect(options.getByRole("radio").nth(1)).toBeVisible();
  // The cheapest option is preselected and already in the total.
  const cheapest = options.getByRole("radio").first();
  await expect(cheapest).toBeChecked();
  const cheapestFee = parseShownMoney((await cheapest.getAttribute("aria-label"))!);
  await expect(page.getByTestId("checkout-shipping")).toHaveText(shownMoney(cheapestFee));
  await expect(page.getByTestId("checkout-total")).toHaveText(shownMoney(rice.priceMinor + cheapestFee));

  // The shopper chooses a faster, dearer service.
  const nextDay = options.getByRole("radio", { name: /Swift Express Next-Day Air/ });
  const fee = parseShownMoney((await nextDay.getAttribute("aria-label"))!);
  expect(fee).toBeGreaterThan(cheapestFee);
  await nextDay.check();
  await expect(page.getByTestId("checkout-shipping")).toHaveText(shownMoney(fee));
  const shownTotal = parseShownMoney(await page.getByTestId("checkout-total").innerText());
  expect(shownTotal).toBe(rice.priceMinor + fee);

  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/pay\/[0-9a-f-]{36}$/);
  await page.goto(`/orders/${/\/pay\/([0-9a-f-]{36})/.exec(page.url())![1]!}`);
  await expect(page.getByTestId("order-total")).toHaveText(shownMoney(shownTotal));
  const orderId = /\/orders\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  const charged = await chargedTotal(page, orderId);
  expect(charged.order).toMatchObject({ payableTotalMinor: shownTotal, shippingFeeMinor: fee, carrierCode: "SWIFT" });
  expect(charged.cashierMinor).toBe(shownTotal);
});

test("[SHOP][CHECKOUT] switching from a saved address to a new one drops the old quote; the order charges the new address's total", async ({ page }) => {
  await signUpViaApi(page.request, "Switching Buyer");
  await trpcMutation(page.request, "address.create", {
    recipient: "王芳",
    phone: "13700001111",
    province: "浙江省",
    city: "杭州市",
    district: "西湖区",
    detail: "文一西路 969 号",
    isDefault: true,
  });
  // Shipped from the Hangzhou warehouse: cheap to the saved Hangzhou address, dear to Urumqi.
  const board = await findProduct(page.request, "Bamboo Cutting Board");
  await trpcMutation(page.request, "cart.add", { productId: board.id, quantity: 1 });

  await page.goto("/checkout");
  await expect(page.getByRole("radio", { name: /文一西路 969 号/ })).toBeChecked();
  const options = page.getByRole("group", { name: "Delivery options" });
  await expect(options.getByRole("radio").first()).toBeChecked();
  const savedFee = parseShownMoney((await options.getByRole("radio").first().getAttribute("aria-label"))!);
  await expect(page.getByTestId("checkout-total")).toHaveText(shownMoney(board.priceMinor + savedFee));

  await page.getByRole("radio", { name: "Deliver to a new address" }).check();
  // The saved address's fee is gone at once: nothing is shown until the new place is quoted.
  await expect(page.getByTestId("checkout-total")).toHaveText("—");
  await expect(page.getByTestId("checkout-shipping")).toHaveText("Choose a delivery address");
  await expect(page.getByRole("button", { name: "Place order" })).toBeDisabled();

  await enterNewAddress(page, { recipient: "阿依", phone: "13900002222", province: "新疆维吾尔自治区", city: "乌鲁木齐市", district: "天山区", detail: "解放南路 8 号" });
  await expect(options.getByRole("radio").first()).toBeChecked();
  const newFee = parseShownMoney((await options.getByRole("radio").first().getAttribute("aria-label"))!);
  expect(newFee).toBeGreaterThan(savedFee);
  await expect(page.getByTestId("checkout-shipping")).toHaveText(shownMoney(newFee));
  await expect(page.getByTestId("checkout-total")).toHaveText(shownMoney(board.priceMinor + newFee));
  const shownTotal = parseShownMoney(await page.getByTestId("checkout-total").innerText());

  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/pay\/[0-9a-f-]{36}$/);
  await page.goto(`/orders/${/\/pay\/([0-9a-f-]{36})/.exec(page.url())![1]!}`);
  await expect(page.getByText("解放南路 8 号")).toBeVisible();
  await expect(page.getByTestId("order-total")).toHaveText(shownMoney(shownTotal));
  const orderId = /\/orders\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  const charged = await chargedTotal(page, orderId);
  expect(charged.order).toMatchObject({ payableTotalMinor: shownTotal, shippingFeeMinor: newFee });
  expect(charged.cashierMinor).toBe(shownTotal);
});

test("[SHOP][CHECKOUT] a total that changed before Place order is refused, shown in the reader's language and confirmed again", async ({ page, context, baseURL }) => {
  await signUpViaApi(page.request, "Changed Buyer");
  await context.addCookies([{ name: "shopflow-locale", value: "zh-CN", url: baseURL! }]);
  await trpcMutation(page.request, "address.create", {
    recipient: "李伟",
    phone: "13800138000",
    province: "北京市",
    city: "北京市",
    district: "朝阳区",
    detail: "建国路 88 号",
    isDefault: true,
  });
  const flask = await findProduct(page.request, "Vacuum Flask");
  await trpcMutation(page.request, "cart.add", { productId: flask.id, quantity: 1 });

  await page.goto("/checkout");
  const placeOrder = page.getByRole("button", { name: "提交订单" });
  await expect(page.getByRole("group", { name: "配送方式" }).getByRole("radio").first()).toBeChecked();
  await expect(placeOrder).toBeEnabled();
  const shown = parseShownMoney(await page.getByTestId("checkout-total").innerText());

  // Meanwhile, in another tab, the cart grows: the page still shows the old total.
  await trpcMutation(page.request, "cart.add", { productId: flask.id, quantity: 1 });
  await placeOrder.click();
  const alert = page.getByRole("alert").filter({ hasText: "订单金额已变为" });
  await expect(alert).toContainText(`之前显示为 ${shownMoney(shown)}`);
  await expect(alert).toContainText("订单未提交");
  const newTotal = parseShownMoney(/订单金额已变为 ([^（]+)/.exec(await alert.innerText())![1]!);
  expect(newTotal).toBeGreaterThan(shown);
  // Nothing was written, and the page now shows the total the server will charge.
  expect((await trpcQuery<{ total: number }>(page.request, "order.mine", {})).total).toBe(0);
  await expect(page.getByTestId("checkout-total")).toHaveText(shownMoney(newTotal));
  await expect(placeOrder).toBeEnabled();

  await placeOrder.click();
  await expect(page).toHaveURL(/\/pay\/[0-9a-f-]{36}$/);
  await page.goto(`/orders/${/\/pay\/([0-9a-f-]{36})/.exec(page.url())![1]!}`);
  await expect(page.getByTestId("order-total")).toHaveText(shownMoney(newTotal));
  const orderId = /\/orders\/([0-9a-f-]{36})/.exec(page.url())![1]!;
  expect((await trpcQuery<{ payableTotalMinor: number }>(page.request, "order.byId", { id: orderId })).payableTotalMinor).toBe(newTotal);
});
