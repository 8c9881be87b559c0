import { describe, expect, it } from "vitest";
import { withoutLanguageRewriteQuery } from "./language-rewrite";

describe("the language rewrite's answer to the browser's router", () => {
  it("drops the 'rendered with no query' header when the page is the language rewrite of the requested path", () => {
    const answer = { "x-nextjs-rewritten-path": "/en/admin/shipments", "x-nextjs-rewritten-query": "", "content-type": "text/x-component" };
    expect(withoutLanguageRewriteQuery(answer, "/admin/shipments?sort=fee_desc&_rsc=1x")).toEqual({ "x-nextjs-rewritten-path": "/en/admin/shipments", "content-type": "text/x-component" });
    expect(withoutLanguageRewriteQuery({ "x-nextjs-rewritten-path": "/zh-CN", "x-nextjs-rewritten-query": "" }, "/?page=2")).toEqual({ "x-nextjs-rewritten-path": "/zh-CN" });
  });

  it("leaves every other answer as it is", () => {
    const other = { "x-nextjs-rewritten-path": "/en/elsewhere", "x-nextjs-rewritten-query": "" };
    expect(withoutLanguageRewriteQuery(other, "/orders?page=2")).toBe(other);
    const noLanguage = { "x-nextjs-rewritten-path": "/orders", "x-nextjs-rewritten-query": "" };
    expect(withoutLanguageRewriteQuery(noLanguage, "/orders?page=2")).toBe(noLanguage);
    const plain = { "content-type": "text/html" };
    expect(withoutLanguageRewriteQuery(plain, "/orders?page=2")).toBe(plain);
  });
});
