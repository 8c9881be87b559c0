import { expect, test } from "@playwright/test";
import { findProduct, shownMoney, trpcQuery } from "../fixtures/api";
import { uniqueEmail } from "../fixtures/auth";

test("[SHOP][GUEST] a guest fills a cart, signs up on the way to checkout, comes back with the cart and pays at the cashier", async ({ page }) => {
  test.slow();
  const tea = await findProduct(page.request, "Longjing");
  const notebook = await findProduct(page.request, "Notebook");

  await test.step("a guest adds two products; the cart is priced without signing in", async () => {
    await page.goto(`/products/${tea.id}`);
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Added to your cart." })).toBeVisible();
    await page.goto(`/products/${notebook.id}`);
    await page.getByLabel("Quantity").fill("2");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await expect(page.getByTestId("header-cart")).toHaveText("Cart (3 items)");

    await page.getByTestId("header-cart").click();
    await expect(page).toHaveURL(/\/cart$/);
    await expect(page.getByRole("list", { name: "Items in your cart" }).getByRole("listitem")).toHaveCount(2);
    await expect(page.getByTestId("cart-total")).toHaveText(shownMoney(tea.priceMinor + 2 * notebook.priceMinor));
    await expect(page.getByText("You are not signed in")).toBeVisible();
  });

  await test.step("checkout asks to sign in and says why; the return address survives switching to sign-up and back", async () => {
    await page.getByRole("link", { name: "Checkout" }).click();
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fcheckout$/);
    await expect(page.getByTestId("auth-reason")).toHaveText("Sign in to place your order. Your cart comes with you.");
    await page.getByRole("main").getByRole("link", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/sign-up\?callbackUrl=%2Fcheckout$/);
    await expect(page.getByTestId("auth-reason")).toHaveText("Create an account to place your order. Your cart comes with you.");
    await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fcheckout$/);
    await page.getByRole("main").getByRole("link", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/sign-up\?callbackUrl=%2Fcheckout$/);
    // The header's own links carry it too.
    await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toHaveAttribute("href", "/sign-in?callbackUrl=%2Fcheckout");
  });

  await test.step("signing up merges the cart into the new account and lands back at checkout", async () => {
    await page.getByLabel("Name").fill("Guest Buyer");
    await page.getByLabel("Email").fill(uniqueEmail("guest"));
    await page.getByLabel("Password").fill("e2e-password-1");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page).toHaveURL(/\/checkout$/);
    await expect(page.getByRole("heading", { name: "Checkout" })).toBeVisible();
    await expect(page.getByTestId("signed-in-user")).toHaveText("Guest Buyer");
    await expect(page.getByTestId("header-cart")).toHaveText("Cart (3 items)");
    // The browser forgot its copy: the account's cart is the one now.
    expect(await page.evaluate(() => window.localStorage.getItem("shopflow.guest-cart.v1"))).toBeNull();
    const cart = await trpcQuery<{ lines: { productId: string; quantity: number }[] }>(page.request, "cart.get");
    expect(Object.fromEntries(cart.lines.map((line) => [line.productId, line.quantity]))).toEqual({ [tea.id]: 1, [notebook.id]: 2 });
  });

  await test.step("placing the order goes straight to the cashier", async () => {
    await page.getByLabel("Province", { exact: true }).selectOption("浙江省");
    await page.getByLabel("City", { exact: true }).selectOption("杭州市");
    await page.getByLabel("District", { exact: true }).selectOption("西湖区");
    await page.getByLabel("Recipient", { exact: true }).fill("陈静");
    await page.getByLabel("Phone", { exact: true }).fill("139 0571 2233");
    await page.getByLabel("Street address", { exact: true }).fill("龙井路 1 号");
    await expect(page.getByRole("button", { name: "Place order" })).toBeEnabled();
    await page.getByRole("button", { name: "Place order" }).click();
    await expect(page).toHaveURL(/\/pay\/[0-9a-f-]{36}$/);
    const orderId = /\/pay\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const order = await trpcQuery<{ orderNo: string; status: string }>(page.request, "order.byId", { id: orderId });
    expect(order.status).toBe("pending_payment");
    await expect(page.getByRole("heading", { name: `Pay for order ${order.orderNo}` })).toBeVisible();
    await expect(page.getByTestId("header-cart")).toHaveText("Cart");
  });
});

test("[SHOP][GUEST] the sign-in page says why it asks, in Chinese too, and ignores an off-site return address", async ({ browser }) => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto("/checkout");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fcheckout$/);
  await expect(page.getByTestId("auth-reason")).toHaveText("请登录后下单，购物车会随您一起带过去。");
  await page.goto("/orders");
  await expect(page.getByTestId("auth-reason")).toHaveText("请登录后查看您的订单。");

  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("//evil.example/checkout")}`);
  await expect(page.getByTestId("auth-reason")).toHaveCount(0);
  await expect(page.getByRole("main").getByRole("link", { name: "注册" })).toHaveAttribute("href", "/sign-up");
  await context.close();
});
