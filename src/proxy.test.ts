import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { LOCALE_HEADER, NOT_FOUND_HEADER, splitLocalePath } from "@/i18n/config";
import { HIDDEN_PAGE_HEADER } from "@/server/http/hidden-page";
import { config, proxy } from "./proxy";

/** The language the proxy passes on to the route (Next applies it as a request header). */
function chosenLanguage(response: Response): string | null {
  return response.headers.get(`x-middleware-request-${LOCALE_HEADER}`);
}

function get(path: string, headers: Record<string, string> = {}) {
  return new NextRequest(`http://shop.test${path}`, { headers });
}

describe("the proxy's choice of language, on which next.config.ts rewrites every page to /{locale}/…", () => {
  it("takes the switch's cookie first, then Accept-Language's quality values, else English", async () => {
    expect(chosenLanguage(await proxy(get("/", { cookie: "shopflow-locale=zh-CN" })))).toBe("zh-CN");
    expect(chosenLanguage(await proxy(get("/cart", { cookie: "shopflow-locale=en", "accept-language": "zh-CN" })))).toBe("en");
    // A plain prefix test of the header would say English here.
    expect(chosenLanguage(await proxy(get("/", { "accept-language": "en;q=0.1, zh;q=0.9" })))).toBe("zh-CN");
    expect(chosenLanguage(await proxy(get("/", { cookie: "shopflow-locale=fr" })))).toBe("en");
  });

  it("keeps the language a path names, and overwrites whatever the caller sent in its header", async () => {
    expect(chosenLanguage(await proxy(get("/zh-CN/track", { cookie: "shopflow-locale=en" })))).toBe("zh-CN");
    expect(chosenLanguage(await proxy(get("/track", { [LOCALE_HEADER]: "zh-CN" })))).toBe("en");
  });

  it("answers a path with a language as it answers the same page without one: sign in first, back to the page", async () => {
    const answer = await proxy(get("/zh-CN/checkout"));
    expect(answer.status).toBe(307);
    expect(answer.headers.get("location")).toContain("/sign-in?callbackUrl=%2Fcheckout");
  });

  it("routes a page the gateway found hidden to the not-found page, and only that one", async () => {
    const notFound = (response: Response) => response.headers.get(`x-middleware-request-${NOT_FOUND_HEADER}`);
    expect(notFound(await proxy(get("/products/abc", { [HIDDEN_PAGE_HEADER]: "1" })))).toBe("1");
    expect(notFound(await proxy(get("/products/abc")))).toBeNull();
    expect(notFound(await proxy(get("/products/abc", { [NOT_FOUND_HEADER]: "1" })))).toBeNull();
  });

  it("routes a file that is not in public/ to the not-found page instead of a language named after it", async () => {
    const notFound = (response: Response) => response.headers.get(`x-middleware-request-${NOT_FOUND_HEADER}`);
    for (const path of ["/favicon.ico", "/robots.txt", "/x.y", "/sitemap.xml?page=2"]) expect(notFound(await proxy(get(path))), path).toBe("1");
    for (const path of ["/", "/cart", "/products/abc", "/zh-CN/orders", "/api/auth/csrf"]) expect(notFound(await proxy(get(path))), path).toBeNull();
  });

  it("is not run for any file in public/, which is served as it is", () => {
    const matcher = new RegExp(`^${config.matcher[0]}$`);
    const files = fs.readdirSync(path.join(process.cwd(), "public"), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const url = `/${path.relative(path.join(process.cwd(), "public"), path.join(file.parentPath, file.name)).split(path.sep).join("/")}`;
      expect(matcher.test(url), url).toBe(false);
    }
    expect(matcher.test("/favicon.ico")).toBe(true);
  });

  it("hides the benchmark's empty page unless the server runs with it", async () => {
    const previous = process.env.SHOPFLOW_FLOOR_PAGE;
    try {
      delete process.env.SHOPFLOW_FLOOR_PAGE;
      expect((await proxy(get("/floor"))).status).toBe(404);
      expect((await proxy(get("/en/floor"))).status).toBe(404);
      process.env.SHOPFLOW_FLOOR_PAGE = "1";
      expect((await proxy(get("/floor"))).status).toBe(200);
    } finally {
      if (previous === undefined) delete process.env.SHOPFLOW_FLOOR_PAGE;
      else process.env.SHOPFLOW_FLOOR_PAGE = previous;
    }
  });
});

describe("splitLocalePath", () => {
  it("splits a leading language off a path, and only a whole segment", () => {
    expect(splitLocalePath("/zh-CN/orders/1")).toEqual({ locale: "zh-CN", rest: "/orders/1" });
    expect(splitLocalePath("/en")).toEqual({ locale: "en", rest: "/" });
    expect(splitLocalePath("/english")).toEqual({ locale: null, rest: "/english" });
    expect(splitLocalePath("/cart")).toEqual({ locale: null, rest: "/cart" });
  });
});
