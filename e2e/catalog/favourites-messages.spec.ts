import { expect, test } from "@playwright/test";
import { findProduct } from "../fixtures/api";
import { DEMO, signInViaApi, signUpViaApi } from "../fixtures/auth";

test("[SHOP][MESSAGES] a shopper saves a favourite and writes to the shop; the admin replies; the shopper sees the reply and a notification", async ({ page, browser, baseURL }) => {
  test.slow();
  await signUpViaApi(page.request, "Favourite Fan");
  const product = await findProduct(page.request, "Tea");

  await page.goto(`/products/${product.id}`);
  await page.getByRole("button", { name: "♡ Save to favourites" }).click();
  await expect(page.getByRole("button", { name: "♥ Saved to favourites" })).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await expect(page.getByRole("button", { name: "♥ Saved to favourites" })).toBeVisible();
  await page.goto("/favourites");
  const saved = page.getByRole("list", { name: "Favourites" }).getByRole("listitem");
  await expect(saved).toHaveCount(1);
  await expect(saved.first()).toContainText(product.name);
  await expect(saved.first()).toContainText("In stock");

  const text = `Is the ${product.name} from this year's harvest? <i>${Date.now()}</i>`;
  await page.goto("/messages");
  const form = page.getByRole("form", { name: "Write to the shop" });
  await form.getByLabel("Type").selectOption("question");
  await form.getByLabel("Your message").fill(text);
  await form.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Question" })).toBeVisible();
  await expect(page.getByText("Waiting for the shop")).toBeVisible();
  const threadUrl = page.url();

  const admin = await browser.newPage({ baseURL });
  await signInViaApi(admin, DEMO.admin);
  await admin.goto("/admin/messages?status=open");
  await admin.getByRole("link", { name: text }).click();
  await admin.getByRole("form", { name: "Reply" }).getByLabel("Reply").fill("Yes, picked this spring.");
  await admin.getByRole("button", { name: "Send reply" }).click();
  await expect(admin.getByTestId("post-admin")).toContainText("Yes, picked this spring.");
  await admin.close();

  await page.goto(threadUrl);
  await expect(page.getByTestId("post-admin")).toContainText("Yes, picked this spring.");
  await expect(page.getByTestId("post-shopper")).toContainText(text);
  await expect(page.getByText("Answered")).toBeVisible();
  await page.goto("/notifications");
  const note = page.getByTestId("notification-item").first();
  await expect(note).toContainText("The shop replied to your message.");
  await note.getByRole("link", { name: "View the conversation" }).click();
  await expect(page).toHaveURL(threadUrl);

  // Removing the favourite empties the list.
  await page.goto("/favourites");
  await page.getByRole("button", { name: `Remove: ${product.name}` }).click();
  await expect(page.getByText("You have not saved any products yet.")).toBeVisible();
});
