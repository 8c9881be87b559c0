import { expect, test } from "@playwright/test";
import { DEMO, signInRequest, signInViaApi, signUpViaApi } from "../fixtures/auth";

// Three browser contexts and several sign-ins per test.
test.slow();

test("[ADMIN][USERS] an admin disables a shopper whose open session is refused on its next page load and API call", async ({ page, browser }) => {
  // The shopper, signed in in a browser of their own.
  const shopperContext = await browser.newContext();
  const shopperPage = await shopperContext.newPage();
  const shopper = await signUpViaApi(shopperPage.request, "Soon Disabled");
  await shopperPage.goto("/orders");
  await expect(shopperPage.getByTestId("signed-in-user")).toHaveText("Soon Disabled");
  expect((await shopperPage.request.get("/api/v1/addresses")).status()).toBe(200);

  await signInViaApi(page, DEMO.admin);
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin sections" }).getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
  await page.getByLabel("Email or name").fill(shopper.email);
  await page.getByLabel("Email or name").press("Enter");
  const table = page.getByRole("table", { name: "Users" });
  await expect(table.getByRole("row")).toHaveCount(2); // header + the one match
  await expect(table).toContainText("Shopper");
  await table.getByRole("link", { name: "Soon Disabled" }).click();

  await expect(page.getByRole("heading", { name: "Soon Disabled", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Disable account" }).click();
  await page.getByRole("button", { name: "Yes, disable" }).click();
  const access = page.getByRole("region", { name: "Access" });
  await expect(access.getByRole("status")).toHaveText("Account disabled; its sessions have ended.");
  await expect(page.getByText(/^Disabled since/)).toBeVisible();
  const history = page.getByRole("table", { name: "History" });
  await expect(history.getByRole("row").filter({ hasText: "Disabled" })).toContainText("Shop Admin");

  // The shopper's next page load and API calls are refused at once. (The page answers by
  // redirecting to sign-in, possibly from the streamed page: wait for the URL, not for "load".)
  await shopperPage.goto("/orders", { waitUntil: "commit" });
  await expect(shopperPage).toHaveURL(/\/sign-in/);
  expect((await shopperPage.request.get("/api/v1/addresses")).status()).toBe(401);
  expect((await shopperPage.request.get("/api/trpc/address.list")).status()).toBe(401);
  // Signing in again says why it does not work.
  await shopperPage.getByLabel("Email").fill(shopper.email);
  await shopperPage.getByLabel("Password").fill(shopper.password);
  await shopperPage.getByRole("button", { name: "Sign in" }).click();
  await expect(shopperPage.getByRole("alert").filter({ hasText: "disabled" })).toHaveText("This account is disabled. Ask an admin.");
  await shopperContext.close();

  // Enabling it again is one click; the admin's own account cannot be disabled (409, said in words).
  await page.getByRole("button", { name: "Enable account" }).click();
  await expect(access.getByRole("status")).toHaveText("Account enabled.");
  await page.goto(`/admin/users?q=${encodeURIComponent(DEMO.admin.email)}`);
  await page.getByRole("table", { name: "Users" }).getByRole("link", { name: "Shop Admin" }).click();
  await page.getByRole("button", { name: "Disable account" }).click();
  await page.getByRole("button", { name: "Yes, disable" }).click();
  await expect(page.getByRole("region", { name: "Access" }).getByRole("alert")).toHaveText("You cannot disable or demote your own account. Ask another admin.");
});

test("[SHOP][USERS] a user changes the password, the other session ends, and the new password signs in", async ({ page, browser }) => {
  const account = await signUpViaApi(page.request, "Pass Changer");
  // The same person signed in elsewhere.
  const elsewhere = await browser.newContext();
  const elsewherePage = await elsewhere.newPage();
  await signInRequest(elsewherePage.request, account);

  await page.goto("/");
  await page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Password" }).click();
  await expect(page.getByRole("heading", { name: "Change your password", level: 1 })).toBeVisible();

  const newPassword = "Fresh-pass-2026";
  await page.getByLabel("Current password").fill("not-my-password");
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("New password again").fill("short");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Use at least 10 characters.")).toBeVisible();

  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("New password again").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The current password is not right.")).toBeVisible();

  await page.getByLabel("Current password").fill(account.password);
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("New password again").fill(newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toHaveText("Password changed. One other session was signed out.");

  // This session stays; the other one is over.
  await page.goto("/orders");
  await expect(page.getByTestId("signed-in-user")).toHaveText("Pass Changer");
  expect((await elsewherePage.request.get("/api/trpc/address.list")).status()).toBe(401);
  await elsewhere.close();

  // The old password no longer signs in; the new one does, through the form.
  const fresh = await browser.newContext();
  const freshPage = await fresh.newPage();
  await expect(signInRequest(freshPage.request, account)).rejects.toThrow(/401/);
  await freshPage.goto("/sign-in");
  await freshPage.getByLabel("Email").fill(account.email);
  await freshPage.getByLabel("Password").fill(newPassword);
  await freshPage.getByRole("button", { name: "Sign in" }).click();
  await expect(freshPage.getByTestId("signed-in-user")).toHaveText("Pass Changer");
  await fresh.close();
});
