import { describe, expect, it } from "vitest";
import { pathIdAfter } from "./path-id";

describe("pathIdAfter", () => {
  it("reads the id after its segment, with or without a language and a tail", () => {
    expect(pathIdAfter("/orders/3f0c/tracking", "orders")).toBe("3f0c");
    expect(pathIdAfter("/zh-CN/products/abc", "products")).toBe("abc");
    expect(pathIdAfter("/orders/a%20b", "orders")).toBe("a b");
  });
  it("is null without an id, and keeps an id that cannot be decoded as it is", () => {
    expect(pathIdAfter("/orders", "orders")).toBeNull();
    expect(pathIdAfter("/orders/", "orders")).toBeNull();
    expect(pathIdAfter("/orders/%E0%A4%A", "orders")).toBe("%E0%A4%A");
  });
});
