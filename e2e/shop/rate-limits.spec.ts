import { expect, test } from "@playwright/test";
import { uniqueEmail } from "../fixtures/auth";
import { freshLoopbackAddress, requestFrom, signInFrom, type RawAnswer } from "../fixtures/from-address";

/**
 * Rate limits over HTTP: a limited caller gets 429 with Retry-After (seconds), on the API
 * and on pages alike, and a client cannot reset its limit by making up X-Forwarded-For
 * (the server runs without TRUST_PROXY here, so the header is ignored). Each test sends from
 * a loopback address of its own, so the limits it uses up never touch the other specs.
 */
const TRACKING_NO = "ZX9999999999999";
const trackCall = (no = TRACKING_NO) => `/api/trpc/logistics.track?input=${encodeURIComponent(JSON.stringify({ json: { trackingNo: no } }))}`;
const trackBatch = (no = TRACKING_NO) => `/api/trpc/logistics.track?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { json: { trackingNo: no } } }))}`;
const spoofed = () => ({ "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250)}, 203.0.113.${Math.floor(Math.random() * 250)}` });

/** Sends until the answer is 429 (at most `max` requests); the last answer. */
async function untilLimited(send: () => Promise<RawAnswer>, max = 200): Promise<{ answer: RawAnswer; sent: number }> {
  let answer: RawAnswer | undefined;
  for (let sent = 1; sent <= max; sent++) {
    answer = await send();
    if (answer.status === 429) return { answer, sent };
    expect(answer.status, answer.text.slice(0, 300)).toBeLessThan(500);
  }
  return { answer: answer!, sent: max };
}

function expectRetryAfter(answer: RawAnswer, atMost: number): number {
  expect(answer.status).toBe(429);
  const value = answer.headers["retry-after"];
  expect(value, "Retry-After header").toMatch(/^\d+$/);
  const seconds = Number(value);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(atMost);
  return seconds;
}

test("[SHOP][RATE] the public tracking lookup answers 429 with Retry-After once a client's minute is used, single and batched", async ({ baseURL }) => {
  const from = freshLoopbackAddress();
  const { answer, sent } = await untilLimited(() => requestFrom(from, baseURL!, trackCall()));
  expect(sent).toBeGreaterThan(1);
  expectRetryAfter(answer, 60);
  expect(JSON.parse(answer.text).error.json.data.code).toBe("TOO_MANY_REQUESTS");

  const batched = await requestFrom(from, baseURL!, trackBatch());
  expectRetryAfter(batched, 60);
});

test("[SHOP][RATE] a made-up X-Forwarded-For does not reset the tracking limit", async ({ baseURL }) => {
  const from = freshLoopbackAddress();
  const { answer } = await untilLimited(() => requestFrom(from, baseURL!, trackCall(), { headers: spoofed() }));
  expectRetryAfter(answer, 60);
  // Still limited with yet another made-up address, and the /track page agrees.
  expectRetryAfter(await requestFrom(from, baseURL!, trackCall(), { headers: spoofed() }), 60);
  expectRetryAfter(await requestFrom(from, baseURL!, `/track?no=${TRACKING_NO}`, { headers: spoofed() }), 60);
});

test("[SHOP][RATE] the /track page answers 429 with Retry-After and says when to try again, in both languages", async ({ baseURL }) => {
  const from = freshLoopbackAddress();
  const { answer, sent } = await untilLimited(() => requestFrom(from, baseURL!, `/track?no=${TRACKING_NO}`));
  expect(sent).toBeGreaterThan(1);
  const seconds = expectRetryAfter(answer, 60);
  expect(answer.headers["content-type"]).toMatch(/text\/html/);
  expect(answer.text).toContain("Too many lookups");
  expect(answer.text).toMatch(new RegExp(`${seconds - 1}|${seconds}`));

  const zh = await requestFrom(from, baseURL!, `/track?no=${TRACKING_NO}`, { headers: { cookie: "shopflow-locale=zh-CN" } });
  expectRetryAfter(zh, 60);
  expect(zh.text).toContain("查询过于频繁");
  // The lookup form itself (no number yet) stays reachable.
  expect((await requestFrom(from, baseURL!, "/track")).status).toBe(200);
});

test("[AUTH][RATE] a locked sign-in answers 429 with Retry-After, and the form tells the person when to try again", async ({ baseURL, page }) => {
  const from = freshLoopbackAddress();
  const locked = { email: uniqueEmail("locked"), password: "wrong-password-1" };
  // Five wrong passwords lock the email for the rest of the 15-minute window.
  for (let i = 0; i < 5; i++) expect((await signInFrom(from, baseURL!, locked)).status).toBe(401);
  const answer = await signInFrom(from, baseURL!, locked);
  const seconds = expectRetryAfter(answer, 15 * 60);
  expect(seconds).toBeGreaterThan(14 * 60);
  expect(JSON.parse(answer.text)).toMatchObject({ error: "TooManyAttempts", retryAfterSeconds: seconds });

  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(locked.email);
  await page.getByLabel("Password").fill(locked.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText(/^Too many failed attempts\. Try again in \d+ seconds\.$/);

  await page.context().addCookies([{ name: "shopflow-locale", value: "zh-CN", url: baseURL! }]);
  await page.reload();
  await page.getByLabel("邮箱").fill(locked.email);
  await page.getByLabel("密码").fill(locked.password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /./ })).toHaveText(/^失败次数过多，请在 \d+ 秒后重试。$/);
});

test("[AUTH][RATE] a made-up X-Forwarded-For does not reset the per-address sign-in limit", async ({ baseURL }) => {
  const from = freshLoopbackAddress();
  // 30 failures from one connection address, each naming another email and another "client".
  const failures = await Promise.all(
    Array.from({ length: 30 }, () => signInFrom(from, baseURL!, { email: uniqueEmail("spray"), password: "wrong-password-1" }, spoofed())),
  );
  expect(failures.map((f) => f.status)).toEqual(Array(30).fill(401));
  const answer = await signInFrom(from, baseURL!, { email: uniqueEmail("spray"), password: "wrong-password-1" }, spoofed());
  expectRetryAfter(answer, 15 * 60);
});
