import { expect, test } from "@playwright/test";
import { signUpViaApi } from "../fixtures/auth";
import { placeOrderViaApi } from "../fixtures/api";

// Swagger UI is a large script bundle: give the page time on a loaded machine.
test.describe.configure({ timeout: 180_000 });

test("[API][DOCS] /docs loads from the app alone, and its try-it-out answers 200 with an API key made in the app", async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const elsewhere: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol === "data:" || url.protocol === "blob:") return;
    if (url.origin !== origin) elsewhere.push(request.url());
  });

  // A shopper with one order makes a key on the account's API keys page.
  await signUpViaApi(page.request, "Docs Reader");
  const order = await placeOrderViaApi(page.request, [{ q: "Headphones", quantity: 1 }]);
  await page.goto("/account/api-keys");
  await page.getByRole("button", { name: "Create a key" }).click();
  const form = page.getByRole("form", { name: "New API key" });
  await form.getByLabel("Name").fill("Trying the docs");
  await form.getByRole("button", { name: "Create a key" }).click();
  const secret = await page.getByTestId("api-key-secret").getByLabel("Secret key").inputValue();
  expect(secret).toMatch(/^sf_live_/);

  // Signed out: whatever the docs page sends must carry the key, not the browser session.
  await page.context().clearCookies();

  await page.goto("/docs");
  await expect(page.locator(".swagger-ui .info .title")).toContainText("shopflow API", { timeout: 60_000 });

  // Authorize with the key (the bearer scheme "apiKey").
  await page.locator(".swagger-ui .auth-wrapper button.authorize").click();
  const dialog = page.locator(".swagger-ui .dialog-ux .modal-ux");
  const bearer = dialog.locator(".auth-container").filter({ has: page.locator("h4 code", { hasText: /^apiKey$/ }) });
  await bearer.locator("#auth-bearer-value").fill(secret);
  await bearer.getByRole("button", { name: "Apply credentials" }).click();
  await expect(bearer).toContainText("Authorized");
  await dialog.locator("button.close-modal").click();

  // GET /api/v1/orders through the page's "Try it out".
  const operation = page.locator(".opblock.opblock-get").filter({ has: page.locator('.opblock-summary-path[data-path="/orders"]') });
  await operation.locator(".opblock-summary").first().click();
  const tryItOut = operation.getByRole("button", { name: "Try it out" });
  if (await tryItOut.isVisible()) await tryItOut.click();
  const sent = page.waitForRequest((request) => new URL(request.url()).pathname === "/api/v1/orders");
  await operation.getByRole("button", { name: "Execute" }).click();
  const request = await sent;
  expect(request.headers()["authorization"]).toBe(`Bearer ${secret}`);
  expect(request.headers()["cookie"] ?? "").not.toContain("session-token");

  const live = operation.locator(".live-responses-table");
  await expect(live.locator(".response .response-col_status").first()).toHaveText("200", { timeout: 30_000 });
  await expect(live.locator(".response .response-col_description")).toContainText(order.orderNo);

  expect(elsewhere, "requests that left the app").toEqual([]);
});
