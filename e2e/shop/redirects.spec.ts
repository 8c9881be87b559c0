import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO, signInRequest, uniqueEmail } from "../fixtures/auth";

/**
 * Redirects stay on the site and on the host the person is using: the sign-in form follows
 * only same-origin callbacks (compared as origins, the way a browser resolves them), and
 * next-auth's answers carry relative URLs instead of the configured NEXTAUTH_URL
 * (http://localhost:<port> here) — checked by talking to the server as 127.0.0.1.
 */
const OFF_SITE = ["/\\evil.example", "//evil.example", "https://evil.example", "/\\/evil", "/\t/evil.example"];

/** A URL next-auth answered with: relative, and a browser resolving it stays on `base`. */
function expectRelativeOnSite(url: string | undefined, base: string) {
  expect(url).toBeDefined();
  expect(url!).toMatch(/^\/(?![/\\])/);
  expect(new URL(url!, base).origin).toBe(new URL(base).origin);
  expect(url!).not.toContain("evil");
}

async function csrf(request: APIRequestContext): Promise<string> {
  return ((await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
}

test("[AUTH][REDIRECT] the sign-in form stays on the site whatever callbackUrl says, and follows a same-site one", async ({ page, baseURL }) => {
  test.setTimeout(150_000); // six sign-ins through the form
  const site = new URL(baseURL!);
  // Were the browser sent off-site, it lands here instead of on the network.
  await page.context().route((url) => url.hostname !== site.hostname, (route) => route.fulfill({ body: "off-site" }));
  const signInWith = async (callbackUrl: string) => {
    await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await page.getByLabel("Email").fill(DEMO.shopper.email);
    await page.getByLabel("Password").fill(DEMO.shopper.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).not.toHaveURL(/\/sign-in/);
  };
  for (const callbackUrl of OFF_SITE) {
    await signInWith(callbackUrl);
    expect(new URL(page.url()).origin, `callbackUrl ${JSON.stringify(callbackUrl)}`).toBe(site.origin);
    await expect(page.getByRole("heading", { name: "Catalog" })).toBeVisible();
  }
  await signInWith("/orders?status=paid");
  await expect(page).toHaveURL(/\/orders\?status=paid$/);
});

test("[AUTH][REDIRECT] next-auth answers with relative URLs on another host name, and refuses off-site callbacks", async ({ playwright, baseURL }) => {
  const other = baseURL!.replace("localhost", "127.0.0.1");
  const request = await playwright.request.newContext({ baseURL: other });

  // Sign-in (JSON mode, as the form posts it) with off-site callbacks: refused, answered relative.
  for (const callbackUrl of OFF_SITE) {
    const answer = await request.post("/api/auth/callback/credentials", {
      form: { csrfToken: await csrf(request), email: DEMO.shopper.email, password: DEMO.shopper.password, callbackUrl, json: "true" },
    });
    expect(answer.status()).toBe(200);
    expectRelativeOnSite(((await answer.json()) as { url: string }).url, other);
  }
  const sameSite = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken: await csrf(request), email: DEMO.shopper.email, password: DEMO.shopper.password, callbackUrl: `${baseURL}/orders?x=1`, json: "true" },
  });
  expect(((await sameSite.json()) as { url: string }).url).toBe("/orders?x=1");

  // A failed sign-in, in JSON mode and as a plain form post.
  const wrong = { email: uniqueEmail("wrong"), password: "wrong-password-1" };
  const failedJson = await request.post("/api/auth/callback/credentials", { form: { csrfToken: await csrf(request), ...wrong, json: "true" } });
  expect(failedJson.status()).toBe(401);
  expectRelativeOnSite(((await failedJson.json()) as { url: string }).url, other);
  const failedForm = await request.post("/api/auth/callback/credentials", { form: { csrfToken: await csrf(request), ...wrong }, maxRedirects: 0 });
  expect(failedForm.status()).toBe(302);
  expectRelativeOnSite(failedForm.headers().location, other);

  // next-auth's own sign-in entry refuses an off-site callback and answers relative.
  const entry = await request.get(`/api/auth/signin?callbackUrl=${encodeURIComponent("https://evil.example/x")}`, { maxRedirects: 0 });
  expect(entry.status()).toBe(302);
  expectRelativeOnSite(entry.headers().location, other);

  // Sign-out: plain form post and JSON mode.
  const signOutForm = await request.post("/api/auth/signout", { form: { csrfToken: await csrf(request), callbackUrl: "/" }, maxRedirects: 0 });
  expect(signOutForm.status()).toBe(302);
  expectRelativeOnSite(signOutForm.headers().location, other);
  await signInRequest(request, DEMO.shopper);
  const signOutJson = await request.post("/api/auth/signout", { form: { csrfToken: await csrf(request), json: "true" } });
  expectRelativeOnSite(((await signOutJson.json()) as { url: string }).url, other);
  await request.dispose();
});

test("[AUTH][REDIRECT] signing out keeps the person on the host they use", async ({ browser, baseURL }) => {
  const other = baseURL!.replace("localhost", "127.0.0.1");
  const context = await browser.newContext({ baseURL: other });
  const page = await context.newPage();
  await signInRequest(page.request, DEMO.shopper);
  await page.goto("/orders");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(other).origin);
  expect((await page.request.get("/api/trpc/auth.me").then((r) => r.json())).result.data.json).toBeNull();
  await context.close();
});
