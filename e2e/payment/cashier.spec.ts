import { expect, test } from "@playwright/test";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { shopperWithPendingOrder, trpcQuery } from "./payment-helpers";

test.describe.configure({ timeout: 90_000 });

test("[SHOP][PAYMENT] shopper pays by card and sees the order paid", async ({ page }) => {
  const order = await shopperWithPendingOrder(page);
  await page.goto(`/pay/${order.orderId}`);
  await expect(page.getByRole("heading", { name: `Pay for order ${order.orderNo}` })).toBeVisible();
  await expect(page.getByRole("timer")).toHaveText(/\d\d:\d\d/);

  await page.getByRole("radio", { name: /Card/ }).check();
  const testCards = page.getByRole("list", { name: "Test cards" });
  await expect(testCards).toContainText("4242 4242 4242 4242");
  await expect(testCards).toContainText("Declined: insufficient funds");
  await testCards.getByRole("listitem").filter({ hasText: "Always succeeds" }).getByRole("button", { name: /Use this card/ }).click();
  await expect(page.getByLabel("Card number")).toHaveValue("4242 4242 4242 4242");
  await page.getByRole("button", { name: /^Pay / }).click();

  await expect(page.getByRole("heading", { name: "Payment successful" })).toBeVisible();
  await expect(page.getByText("Order status: Paid")).toBeVisible();
  const saved = await trpcQuery<{ status: string; paymentStatus: string }>(page.request, "order.byId", { id: order.orderId });
  expect(saved).toMatchObject({ status: "paid", paymentStatus: "succeeded" });

  // The order page shows it paid, with the payment and its history.
  await page.getByRole("link", { name: "View order" }).click();
  await expect(page.getByRole("heading", { name: `Order ${order.orderNo}` })).toBeVisible();
  await expect(page.getByRole("link", { name: "Pay now" })).toHaveCount(0);
  const payment = page.getByRole("region", { name: "Payment", exact: true });
  await expect(payment).toContainText("Paid");
  await expect(payment).toContainText("Card · 1 attempt");
});

test("[SHOP][PAYMENT] the countdown is the time left by the server's clock, whatever the browser's clock says", async ({ page }) => {
  const order = await shopperWithPendingOrder(page);
  const cashier = await trpcQuery<{ order: { paymentDeadlineAt: string | null } }>(page.request, "payment.cashier", { orderId: order.orderId });
  expect(cashier.order.paymentDeadlineAt, "an order awaiting payment has a deadline").toBeTruthy();
  // The browser's clock is three hours fast: by it alone, the deadline has long passed.
  await page.clock.install({ time: Date.now() + 3 * 60 * 60 * 1000 });
  await page.goto(`/pay/${order.orderId}`);
  const timer = page.getByRole("timer");
  await expect(timer).toHaveText(/^\d\d:\d\d$/);
  const [minutes, seconds] = (await timer.innerText()).split(":").map(Number);
  // This machine's clock is the server's: what is shown is what is left by it, within a few seconds.
  const left = (new Date(cashier.order.paymentDeadlineAt!).getTime() - Date.now()) / 1000;
  expect(Math.abs(minutes! * 60 + seconds! - left), `shown ${minutes}:${seconds}, left ${left.toFixed(0)} s`).toBeLessThanOrEqual(15);
  await expect(page.getByRole("button", { name: /^Pay / })).toBeEnabled();
});

test("[SHOP][PAYMENT] a declined test card shows the reason; retrying with the good card succeeds", async ({ page }) => {
  const order = await shopperWithPendingOrder(page);
  await page.goto(`/pay/${order.orderId}`);
  await page.getByRole("radio", { name: /Card/ }).check();

  // A number that fails the checksum never leaves the page.
  await page.getByLabel("Card number").fill("4242 4242 4242 4241");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page.getByText("This card number is not valid")).toBeVisible();

  await page.getByLabel("Card number").fill("4000 0000 0000 0002");
  await page.getByRole("button", { name: /^Pay / }).click();
  const failure = page.getByRole("alert").filter({ hasText: "Payment failed" });
  await expect(failure).toContainText("Your card was declined.");

  await page.getByLabel("Card number").fill("4000 0000 0000 9995");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(failure).toContainText("Your card has insufficient funds.");

  await page.getByLabel("Card number").fill("4242 4242 4242 4242");
  await page.getByRole("button", { name: /^Pay / }).click();
  await expect(page.getByRole("heading", { name: "Payment successful" })).toBeVisible();
});

test("[SHOP][PAYMENT] a QR payment is paid by scanning the code with another device, and the cashier sees it", async ({ page, browser }) => {
  const order = await shopperWithPendingOrder(page);
  await page.goto(`/pay/${order.orderId}`);
  await page.getByRole("radio", { name: /Alipay/ }).check();
  await page.getByRole("button", { name: /^Pay / }).click();

  const qr = page.getByRole("img", { name: "QR code to scan with a phone" });
  await expect(qr).toBeVisible();
  await expect(page.getByText("Waiting for you to confirm on the phone…")).toBeVisible();
  // A second charge would race the one waiting for the phone.
  await expect(page.getByRole("button", { name: /^Pay / })).toBeDisabled();
  await expect(page.getByText("To pay another way, cancel this payment first.")).toBeVisible();

  // The code is real: decoded from the pixels on screen, it is the phone page's address.
  const scanned = decodeQr(await qr.screenshot());
  expect(scanned).toMatch(new RegExp(`^${escapeRegExp(new URL(page.url()).origin)}/pay/scan/[^/]+$`));
  expect(new URL(scanned).pathname).toBe(await page.getByRole("link", { name: "Open the simulated phone" }).getAttribute("href"));

  // The phone is another device, with no shop session: it opens what it scanned.
  const device = await browser.newContext();
  const phone = await device.newPage();
  await phone.goto(scanned);
  await expect(phone.getByRole("banner")).toHaveCount(0);
  const screen = phone.getByRole("region", { name: "Simulated phone" });
  await expect(screen).toContainText("Pay shopflow");
  await expect(screen).toContainText(`¥${(order.payableTotalMinor / 100).toFixed(2)}`);
  await screen.getByRole("button", { name: "Confirm payment" }).click();
  await expect(screen.getByText("Paid. You can go back to the shop.")).toBeVisible();
  await device.close();

  // The gateway's signed notification reaches the shop through the sweep; the cashier polls.
  await expect(page.getByRole("heading", { name: "Payment successful" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("Order status: Paid")).toBeVisible();
});

/** Reads a QR code from a PNG screenshot the way a phone's camera app would (jsQR on the pixels). */
function decodeQr(png: Buffer): string {
  const image = PNG.sync.read(png);
  const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
  if (!code) throw new Error("no QR code found in the screenshot");
  return code.data;
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
