import { expect, test } from "@playwright/test";
import { findProduct, shownMoney } from "../fixtures/api";
import { signInRequest, uniqueEmail } from "../fixtures/auth";
import { adminPage, payByApi, readPaymentSettings, trpcMutation, writePaymentSettings } from "../payment/payment-helpers";

test.describe.configure({ timeout: 120_000 });

test("[ADMIN][REFUND] admin refunds two items directly from the order hub: the amount follows the items, the dialog names it, the totals show Refunded and Net", async ({ page }) => {
  await page.goto("/");
  const admin = await adminPage(page);
  const before = await readPaymentSettings(admin.request);
  try {
    await writePaymentSettings(admin.request, { refundDelaySeconds: 1, refundFailurePercent: 0 });

    // A shopper pays for two tins of tea and a notebook.
    const account = { email: uniqueEmail("admin-refund-items"), name: "Hub Item Refund", password: "password123" };
    await trpcMutation(page.request, "auth.signUp", account);
    await signInRequest(page.request, account);
    const address = await trpcMutation<{ id: string }>(page.request, "address.create", {
      recipient: "韩梅梅",
      phone: "13800006789",
      province: "浙江省",
      city: "杭州市",
      district: "西湖区",
      detail: "文三路 3 号",
      isDefault: true,
    });
    const tea = await findProduct(page.request, "Longjing");
    const notebook = await findProduct(page.request, "Notebook");
    const order = await trpcMutation<{ id: string; payableTotalMinor: number }>(page.request, "order.checkout", {
      addressId: address.id,
      items: [
        { productId: tea.id, quantity: 2 },
        { productId: notebook.id, quantity: 1 },
      ],
    });
    await payByApi(page.request, order.id);
    const itemsValue = tea.priceMinor + notebook.priceMinor;

    await admin.goto(`/admin/orders/${order.id}`);
    const form = admin.getByRole("form", { name: "Refund", exact: true });
    // One tin and the notebook: the amount is what was paid for them.
    await form.getByRole("checkbox", { name: new RegExp(tea.name) }).check();
    await form.getByRole("checkbox", { name: new RegExp(notebook.name) }).check();
    await expect(form.getByLabel(`How many ${tea.name} to refund`)).toHaveValue("1");
    await expect(form.getByLabel("Amount to refund")).toHaveValue((itemsValue / 100).toFixed(2));
    // Raising it above the items' value is refused before anything is sent; lowering is fine, and a new pick recomputes it.
    await form.getByLabel("Amount to refund").fill(((itemsValue + 100) / 100).toFixed(2));
    await form.getByLabel("Reason", { exact: true }).fill("Both arrived crushed");
    await form.getByRole("button", { name: "Refund…" }).click();
    await expect(form.getByText(`At most ${shownMoney(itemsValue)} for these items.`)).toBeVisible();
    await expect(admin.getByRole("dialog")).toHaveCount(0);
    await form.getByRole("checkbox", { name: new RegExp(notebook.name) }).uncheck();
    await form.getByRole("checkbox", { name: new RegExp(notebook.name) }).check();
    await expect(form.getByLabel("Amount to refund")).toHaveValue((itemsValue / 100).toFixed(2));

    await form.getByRole("button", { name: "Refund…" }).click();
    const dialog = admin.getByRole("dialog", { name: `Refund ${shownMoney(itemsValue)} to the shopper?` });
    await expect(dialog.getByTestId("confirm-amount")).toHaveText(shownMoney(itemsValue));
    await dialog.getByRole("button", { name: `Refund ${shownMoney(itemsValue)}` }).click();
    await expect(admin.getByRole("status")).toHaveText(new RegExp(`Refund RF\\d+ of ${shownMoney(itemsValue).replace(".", "\\.")} started\\.`));

    // Once the gateway has settled it, the order's totals show what came back and the net paid.
    await expect(async () => {
      await admin.reload();
      await expect(admin.getByTestId("order-refunded")).toHaveText(`−${shownMoney(itemsValue)}`, { timeout: 1_000 });
    }).toPass({ timeout: 45_000 });
    await expect(admin.getByTestId("order-net")).toHaveText(shownMoney(order.payableTotalMinor - itemsValue));
    await expect(admin.getByTestId("order-refund-pending")).toHaveCount(0);
    // What is left to refund: one tin, no notebook.
    await expect(form.getByRole("checkbox", { name: new RegExp(notebook.name) })).toHaveCount(0);
    await expect(form.getByRole("checkbox", { name: new RegExp(tea.name) })).toBeVisible();
    await expect(form).toContainText("1 of 2 can be refunded");
  } finally {
    await writePaymentSettings(admin.request, { refundDelaySeconds: before.refundDelaySeconds, refundFailurePercent: before.refundFailurePercent });
    await admin.context().close();
  }
});
