import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./same-origin-path";

const ORIGIN = "http://localhost:3000";

describe("sameOriginPath", () => {
  it("keeps paths on the site, relative", () => {
    expect(sameOriginPath("/orders", ORIGIN)).toBe("/orders");
    expect(sameOriginPath("/orders?status=paid#top", ORIGIN)).toBe("/orders?status=paid#top");
    expect(sameOriginPath("orders/1", ORIGIN)).toBe("/orders/1");
    expect(sameOriginPath("http://localhost:3000/admin", ORIGIN)).toBe("/admin");
    expect(sameOriginPath("/a/../admin", ORIGIN)).toBe("/admin");
  });

  it("refuses everything a browser would resolve to another origin", () => {
    for (const value of [
      "/\\evil.example",
      "//evil.example",
      "///evil.example",
      "\\\\evil.example",
      "/\\/evil",
      "/\t/evil.example",
      "/\n/evil.example",
      " //evil.example",
      "https://evil.example",
      "http://localhost:3001/admin",
      "https://localhost:3000/admin",
      "javascript:alert(1)",
      "data:text/html,hi",
      "http://localhost:3000@evil.example/",
    ]) {
      expect(sameOriginPath(value, ORIGIN), JSON.stringify(value)).toBe("/");
    }
  });

  it("never answers a path a browser would read as another host", () => {
    // Same origin after resolution, but "//evil.example" as a relative URL leaves the site.
    expect(sameOriginPath("http://localhost:3000//evil.example", ORIGIN)).toBe("/");
    expect(sameOriginPath("/.//evil.example", ORIGIN)).toBe("/");
  });

  it("falls back when there is nothing to follow or it cannot be parsed", () => {
    expect(sameOriginPath(null, ORIGIN)).toBe("/");
    expect(sameOriginPath("", ORIGIN, "/orders")).toBe("/orders");
    expect(sameOriginPath("http://[::1", ORIGIN)).toBe("/");
  });
});
