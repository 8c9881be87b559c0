import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { authSecret } from "@/env";
import { pageAccessAnswer } from "./page-access";

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
    for (let i = 0; i < 3; i++) expect(await pageAccessAnswer(req)).toBeNull();
    expect(await pageAccessAnswer(await request("/", undefined))).toBeNull();
  });

  it("sends visitors and expired or tampered tokens to sign in, and hides the admin area from shoppers", async () => {
    for (const req of [await request("/checkout"), await request("/checkout", { role: "shopper", maxAge: -60 })]) {
      const answer = await pageAccessAnswer(req);
      expect(answer?.status).toBe(307);
      expect(answer?.headers.get("location")).toContain("/sign-in?callbackUrl=%2Fcheckout");
    }
    const good = await request("/orders", { role: "shopper" });
    const tampered = new NextRequest("http://shop.test/orders", { headers: { cookie: `${good.headers.get("cookie")!.slice(0, -4)}AAAA` } });
    expect((await pageAccessAnswer(tampered))?.status).toBe(307);

    const shopperOnAdmin = await pageAccessAnswer(await request("/admin/orders", { role: "shopper" }));
    expect(shopperOnAdmin?.headers.get("x-middleware-rewrite")).toContain("/_not-found");
    expect(await pageAccessAnswer(await request("/admin/orders", { role: "admin" }))).toBeNull();
  });
});
