import { expect, test, type Page } from "@playwright/test";
import { DEMO, signUpViaApi } from "../fixtures/auth";

/** Console errors, uncaught exceptions and calls to the given procedures, as the page makes them. */
function watch(page: Page, procedures: string[]) {
  const consoleErrors: string[] = [];
  const calls: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  page.on("request", (request) => {
    const url = request.url();
    if (procedures.some((name) => url.includes(`/api/trpc/${name}`))) calls.push(url);
  });
  return { consoleErrors, calls };
}

test.describe("in Chinese", () => {
  test.use({ locale: "zh-CN" });

  test("[SHOP][I18N] sign-up and address mistakes are explained in Chinese beside each field, before anything is sent", async ({ page }) => {
    const seen = watch(page, ["auth.signUp", "address.create"]);
    await page.goto("/sign-up");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await page.getByLabel("姓名").fill("名".repeat(81));
    await page.getByLabel("邮箱").fill("not-an-email");
    await page.getByLabel("密码").fill("short");
    await page.getByRole("button", { name: "注册" }).click();
    await expect(page.getByText("最多 80 个字符。")).toBeVisible();
    await expect(page.getByText("请输入有效的邮箱地址，例如 name@example.com。")).toBeVisible();
    await expect(page.getByText("至少 8 个字符。")).toBeVisible();
    await expect(page.getByLabel("姓名")).toHaveAttribute("aria-invalid", "true");

    await signUpViaApi(page.request, "Field Messages");
    await page.goto("/addresses");
    await page.getByRole("button", { name: "新增地址" }).click();
    const form = page.getByRole("form", { name: "新增地址" });
    await form.getByLabel("手机号码", { exact: true }).fill("12ab");
    await form.getByRole("button", { name: "保存" }).click();
    await expect(form.getByText("请填写电话号码：6 到 20 位数字，可含空格或短横线。")).toBeVisible();
    await expect(form.getByLabel("收货人", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByText("请填写此项。").first()).toBeVisible();
    await expect(form.getByText("请选择省份。")).toBeVisible();

    expect(seen.calls, "nothing refused was sent").toEqual([]);
    expect(seen.consoleErrors).toEqual([]);
    await expect(page.locator("body")).not.toContainText(/Use at most|Enter a|characters/);
  });
});

test("[SHOP][I18N] in English the same mistakes read in English, and a refusal from the server by its code", async ({ page }) => {
  const seen = watch(page, ["auth.signUp"]);
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("n".repeat(81));
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Use at most 80 characters.")).toBeVisible();
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
  expect(seen.calls).toEqual([]);
  expect(seen.consoleErrors).toEqual([]);

  // What only the server can know arrives as a code and reads in the page's language.
  await page.getByLabel("Name").fill("Someone");
  await page.getByLabel("Email").fill(DEMO.shopper.email);
  await page.getByLabel("Password").fill("long-enough-1");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email address already exists. Sign in instead?")).toBeVisible();
  expect(seen.calls).toHaveLength(1);
});
