import { expect, test, type Page } from "@playwright/test";
import { parseShownMoney, placeOrderViaApi, shownMoney, trpcMutation, findProduct } from "../fixtures/api";
import { DEMO, signInViaApi, signUpViaApi, uniqueEmail } from "../fixtures/auth";

/** Searches the catalog from its search box and opens the product called `name`. */
async function openFromSearch(page: Page, query: string, name: string) {
  await page.goto("/");
  await page.getByRole("searchbox", { name: "Search products" }).fill(query);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(query)}`));
  await page.getByRole("list", { name: "Catalog" }).getByRole("link", { name: new RegExp(name) }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  return parseShownMoney(await page.getByTestId("product-price").innerText());
}

test("[SHOP][CHECKOUT] a new shopper signs up, searches, buys two products with a new address and finds the order awaiting payment; admin finds it by number", async ({
  page,
  browser,
  baseURL,
}) => {
  // A whole journey through two browser contexts: give it the slow-test budget on a busy machine.
  test.slow();
  const email = uniqueEmail("buyer");

  await test.step("sign up through the sign-up page", async () => {
    await page.goto("/sign-up");
    await page.getByLabel("Name").fill("Chen Jing");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("e2e-password-1");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByTestId("signed-in-user")).toHaveText("Chen Jing");
  });

  const teaName = "West Lake Longjing Green Tea, 250 g";
  const notebookName = "Dot Grid Notebook, A5";
  let expectedTotal = 0;

  await test.step("search and add two different products", async () => {
    const teaPrice = await openFromSearch(page, "Longjing", teaName);
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Added to your cart." })).toBeVisible();
    await expect(page.getByTestId("header-cart")).toHaveText("Cart (1 item)");

    const notebookPrice = await openFromSearch(page, "notebook", notebookName);
    await page.getByLabel("Quantity").fill("2");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByTestId("header-cart")).toHaveText("Cart (3 items)");
    expectedTotal = teaPrice + 2 * notebookPrice;
  });

  await test.step("the cart shows both lines and the total", async () => {
    await page.getByTestId("header-cart").click();
    await expect(page.getByRole("heading", { name: "Your cart" })).toBeVisible();
    const lines = page.getByRole("list", { name: "Items in your cart" }).getByRole("listitem");
    await expect(lines).toHaveCount(2);
    await expect(page.getByTestId("cart-total")).toHaveText(shownMoney(expectedTotal));
    await page.getByRole("link", { name: "Checkout" }).click();
  });

  let orderNo = "";
  await test.step("check out with a new address entered on the checkout page", async () => {
    await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
    // Delivery is quoted once the place is picked; until then there is no total to confirm.
    await expect(page.getByText("pick the province, city and district of a new one")).toBeVisible();
    await expect(page.getByTestId("checkout-total")).toHaveText("—");
    await expect(page.getByRole("button", { name: "Place order" })).toBeDisabled();

    // The place comes from the region pickers, one level after the other.
    await page.getByLabel("Province", { exact: true }).selectOption("浙江省");
    await page.getByLabel("City", { exact: true }).selectOption("杭州市");
    await page.getByLabel("District", { exact: true }).selectOption("西湖区");
    // This order qualifies for free shipping with the cheapest option, preselected.
    await expect(page.getByRole("group", { name: "Delivery options" }).getByRole("radio").first()).toBeChecked();
    await expect(page.getByTestId("checkout-shipping")).toHaveText("Free");
    await expect(page.getByTestId("checkout-total")).toHaveText(shownMoney(expectedTotal));

    // Submitting empty fields shows each field's error next to it, and places nothing.
    await page.getByRole("button", { name: "Place order" }).click();
    await expect(page.getByLabel("Recipient", { exact: true })).toHaveAttribute("aria-invalid", "true");
    // Recipient, phone and street, each under its field, checked before anything is sent.
    await expect(page.getByRole("group", { name: "New address" }).getByRole("alert")).toHaveText([
      "Fill in this field.",
      "Enter a phone number: 6 to 20 digits, spaces or dashes.",
      "Fill in this field.",
    ]);
    await expect(page).toHaveURL(/\/checkout$/);

    await page.getByLabel("Recipient", { exact: true }).fill("陈静");
    await page.getByLabel("Phone", { exact: true }).fill("139 0571 2233");
    await page.getByLabel("Street address", { exact: true }).fill("龙井路 1 号");
    await page.getByLabel("Note for the shop (optional)").fill("Please call before delivery");
    await page.getByRole("button", { name: "Place order" }).click();

    // Placing the order leads straight to the cashier.
    await expect(page).toHaveURL(/\/pay\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: /^Pay for order / })).toBeVisible();
    const orderId = /\/pay\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    await page.goto(`/orders/${orderId}`);
    const heading = await page.getByRole("heading", { level: 1 }).innerText();
    orderNo = /Order (\S+)/.exec(heading)![1]!;
    await expect(page.getByText("Awaiting payment").first()).toBeVisible();
    await expect(page.getByTestId("order-total")).toHaveText(shownMoney(expectedTotal));
    await expect(page.getByText("龙井路 1 号")).toBeVisible();
    await expect(page.getByRole("link", { name: "Pay now" })).toHaveAttribute("href", /\/pay\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("header-cart")).toHaveText("Cart");
  });

  await test.step("the order is in My orders, awaiting payment, with the right total", async () => {
    await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "My orders" }).click();
    const row = page.getByRole("table", { name: "Your orders" }).getByRole("row").filter({ hasText: orderNo });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Awaiting payment");
    await expect(row).toContainText(shownMoney(expectedTotal));
    await expect(row).toContainText("3 items");
  });

  await test.step("admin signs in, finds the order by its number and opens it", async () => {
    const adminContext = await browser.newContext({ baseURL });
    const admin = await adminContext.newPage();
    await signInViaApi(admin, DEMO.admin);
    await admin.goto("/admin/orders");
    await admin.getByLabel("Order number").fill(orderNo);
    await admin.getByRole("button", { name: "Apply filters" }).click();
    await expect(admin).toHaveURL(new RegExp(`orderNo=${orderNo}`));
    const rows = admin.getByRole("table", { name: "Orders" }).locator("tbody tr");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(email);
    await expect(rows.first()).toContainText("Awaiting payment");
    await expect(rows.first()).toContainText("Unpaid");
    await rows.first().getByRole("link", { name: orderNo }).click();
    await expect(admin.getByRole("heading", { level: 1, name: `Order ${orderNo}` })).toBeVisible();
    await expect(admin.getByText(email)).toBeVisible();
    await expect(admin.getByText("Please call before delivery")).toBeVisible();
    const log = admin.getByRole("table", { name: "Timeline" }).locator('tbody tr[data-source="order"]');
    await expect(log).toHaveCount(1);
    await expect(log.first()).toContainText("Order placed (Awaiting payment)");
    // The reason reads as a label; the sentence the app used to store is gone.
    await expect(log.first()).not.toContainText("order placed");
    await expect(log.first()).toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    await adminContext.close();
  });
});

test("[SHOP][CHECKOUT] asking for more than the stock names the product and creates no order", async ({ page }) => {
  await signUpViaApi(page.request, "Stock Tester");
  const dumbbells = await findProduct(page.request, "Dumbbells");
  await trpcMutation(page.request, "cart.add", { productId: dumbbells.id, quantity: 99 });
  await trpcMutation(page.request, "address.create", {
    recipient: "王强",
    phone: "13600001234",
    province: "北京市",
    city: "北京市",
    district: "朝阳区",
    detail: "建国路 88 号",
    isDefault: true,
  });

  await page.goto("/cart");
  await expect(page.getByText(`Only ${dumbbells.available} available`)).toBeVisible();
  await page.getByRole("link", { name: "Checkout" }).click();
  await expect(page.getByRole("radio", { name: /建国路 88 号/ })).toBeChecked();
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page.getByRole("alert").filter({ hasText: `${dumbbells.name} is not in stock in the quantity you asked for` })).toBeVisible();
  await expect(page).toHaveURL(/\/checkout$/);

  await page.goto("/orders");
  await expect(page.getByText("You have not placed any orders yet.")).toBeVisible();
  await page.goto(`/products/${dumbbells.id}`);
  await expect(page.getByText(`${dumbbells.available} in stock`)).toBeVisible();
});

test("[SHOP][CART] quantities and removals update the totals; an empty cart leads back to the catalog", async ({ page }) => {
  await signUpViaApi(page.request, "Cart Tester");
  const bottle = await findProduct(page.request, "Water Bottle");
  const tote = await findProduct(page.request, "Tote");
  await trpcMutation(page.request, "cart.add", { productId: bottle.id, quantity: 1 });
  await trpcMutation(page.request, "cart.add", { productId: tote.id, quantity: 1 });

  await page.goto("/cart");
  await expect(page.getByTestId("cart-total")).toHaveText(shownMoney(bottle.priceMinor + tote.priceMinor));
  await page.getByRole("button", { name: `One more ${bottle.name}` }).click();
  await expect(page.getByTestId("cart-total")).toHaveText(shownMoney(2 * bottle.priceMinor + tote.priceMinor));
  await expect(page.getByTestId("header-cart")).toHaveText("Cart (3 items)");

  const toteQuantity = page.getByLabel(`Quantity of ${tote.name}`);
  await toteQuantity.fill("4");
  await toteQuantity.press("Enter");
  await expect(page.getByTestId("cart-total")).toHaveText(shownMoney(2 * bottle.priceMinor + 4 * tote.priceMinor));
  await toteQuantity.fill("0");
  await toteQuantity.press("Enter");
  await expect(page.getByText("Enter a quantity from 1 to 99.")).toBeVisible();

  await page.getByRole("button", { name: `Remove ${bottle.name} from the cart` }).click();
  await expect(page.getByRole("list", { name: "Items in your cart" }).getByRole("listitem")).toHaveCount(1);
  await page.getByRole("button", { name: `Remove ${tote.name} from the cart` }).click();
  await expect(page.getByText("Your cart is empty.")).toBeVisible();
  await expect(page.getByTestId("header-cart")).toHaveText("Cart");
  await page.getByRole("link", { name: "Browse the catalog" }).click();
  await expect(page.getByRole("heading", { name: "Catalog" })).toBeVisible();

  await page.goto("/checkout");
  await expect(page.getByText("Your cart is empty, so there is nothing to check out yet.")).toBeVisible();
});

test("[SHOP][PRODUCT] product detail: facts, a signed-out visitor's cart is kept in the browser, unknown ids are not found", async ({ page }) => {
  const pen = await findProduct(page.request, "Fountain Pen");
  await page.goto(`/products/${pen.id}`);
  await expect(page.getByRole("heading", { level: 1, name: pen.name })).toBeVisible();
  const facts = page.getByRole("definition");
  await expect(facts.filter({ hasText: "上海市" })).toBeVisible();
  await expect(facts.filter({ hasText: "60 g" })).toBeVisible();
  await expect(page.getByText(`${pen.available} in stock`)).toBeVisible();
  await expect(page.getByText("Fine nib, brass body.")).toBeVisible();

  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Added to your cart." })).toBeVisible();
  await expect(page.getByTestId("header-cart")).toHaveText("Cart (1 item)");
  await expect(page.getByText("Your cart stays in this browser until you sign in or create an account.")).toBeVisible();

  await page.goto("/products/00000000-0000-4000-8000-000000000000");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.goto("/products/not-a-product");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("[SHOP][ORDER] an order placed through the API shows in the order detail with its status history", async ({ page }) => {
  await signUpViaApi(page.request, "History Tester");
  const order = await placeOrderViaApi(page.request, [{ q: "Notebook", quantity: 1 }]);
  await page.goto(`/orders/${order.id}`);
  await expect(page.getByRole("heading", { level: 1, name: `Order ${order.orderNo}` })).toBeVisible();
  const history = page.getByRole("region", { name: "Status history" });
  await expect(history.getByRole("listitem")).toHaveCount(1);
  await expect(history).toContainText("Order placed");
  await expect(history).toContainText("by Shopper");
});
