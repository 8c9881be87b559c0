import { describe, expect, it } from "vitest";
import { returnPath } from "./same-origin-path";
import { authPageHref, signInReason } from "./sign-in-reason";

describe("return addresses of the sign-in and sign-up pages", () => {
  it("keeps same-site relative paths and refuses everything else", () => {
    expect(returnPath("/checkout")).toBe("/checkout");
    expect(returnPath("/orders?status=paid#top")).toBe("/orders?status=paid#top");
    for (const value of [null, undefined, "", "//evil.example", "/\\evil.example", "https://evil.example/checkout", "javascript:alert(1)", "/sign-in", "/sign-up?callbackUrl=/x", "/sign-in#x"]) {
      expect(returnPath(value), String(value)).toBeNull();
    }
  });

  it("says why sign-in is asked for, from where the visitor is going", () => {
    expect(signInReason("/checkout")).toBe("checkout");
    expect(signInReason("/cart")).toBe("checkout");
    expect(signInReason("/pay/0b6f7c1e-0000-4000-8000-000000000000")).toBe("pay");
    expect(signInReason("/orders/1")).toBe("orders");
    expect(signInReason("/admin/refunds")).toBe("admin");
    expect(signInReason("/account/password")).toBe("account");
    expect(signInReason("/products/1")).toBe("product");
    expect(signInReason("/track?no=1")).toBe("continue");
    expect(signInReason("/ordersx")).toBe("continue");
    expect(signInReason("/")).toBeNull();
    expect(signInReason(null)).toBeNull();
  });

  it("builds the other auth page's address with the return address kept", () => {
    expect(authPageHref("/sign-up", "/checkout?step=2")).toBe("/sign-up?callbackUrl=%2Fcheckout%3Fstep%3D2");
    expect(authPageHref("/sign-in", null)).toBe("/sign-in");
  });
});
