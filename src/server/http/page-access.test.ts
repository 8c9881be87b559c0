import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { authSecret } from "@/env";
import { pageAccessAnswer } from "./page-access";

async function answer(req: NextRequest) {
  return pageAccessAnswer(req, req.nextUrl.pathname);
}

/** The early answer, which must be a response (a redirect to sign in). */
async function redirected(req: NextRequest) {
  const early = await answer(req);
  if (early === null || early === "not-found") throw new Error(`expected a response, got ${early}`);
  return early;
}

async function request(path: string, token?: { role: string; maxAge?: number }) {
  const headers = new Headers();
  if (token) {
    const value = await encode({ token: { sid: "session-id", uid: "user-id", role: token.role }, secret: authSecret(), maxAge: token.maxAge ?? 3600 });
    headers.set("cookie", `theme=dark; next-auth.session-token=${value}`);
  }
  return new NextRequest(`http://shop.test${path}`, { headers });
}

describe("the proxy's early answer for pages that need a session", () => {
  it("lets a signed-in shopper open their pages, every time the same token comes back", async () => {
    const req = await request("/orders/123", { role: "shopper" });
    for (let i = 0; i < 3; i++) expect(await answer(req)).toBeNull();
    expect(await answer(await request("/", undefined))).toBeNull();
  });

  it("sends visitors and expired or tampered tokens to sign in, and hides the admin area from shoppers", async () => {
    for (const req of [await request("/checkout"), await request("/checkout", { role: "shopper", maxAge: -60 })]) {
      const early = await redirected(req);
      expect(early.status).toBe(307);
      expect(early.headers.get("location")).toContain("/sign-in?callbackUrl=%2Fcheckout");
    }
    const good = await request("/orders", { role: "shopper" });
    const tampered = new NextRequest("http://shop.test/orders", { headers: { cookie: `${good.headers.get("cookie")!.slice(0, -4)}AAAA` } });
    expect((await redirected(tampered)).status).toBe(307);

    // The proxy routes it to the not-found page (e2e/shop/status-codes.spec.ts checks the 404).
    expect(await answer(await request("/admin/orders", { role: "shopper" }))).toBe("not-found");
    expect(await answer(await request("/admin/orders", { role: "admin" }))).toBeNull();
  });
});
