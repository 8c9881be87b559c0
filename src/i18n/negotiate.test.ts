import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, resolveLocale } from "./negotiate";

describe("the language of a first visit", () => {
  it.each([
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh", "zh-CN"],
    ["zh-TW,zh;q=0.9", "zh-CN"],
    ["zh-Hans-CN", "zh-CN"],
    ["en-US,en;q=0.9", "en"],
    ["en;q=0.5,zh;q=0.9", "zh-CN"],
    ["fr-FR,fr;q=0.9", "en"],
    ["", "en"],
    [null, "en"],
    ["*;q=0.1,,;;garbage", "en"],
  ] as const)("Accept-Language %j reads %s", (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });

  it("the reader's own choice (the cookie) wins over the browser", () => {
    expect(resolveLocale("en", "zh-CN,zh;q=0.9")).toBe("en");
    expect(resolveLocale("zh-CN", "en-US")).toBe("zh-CN");
  });

  it("a cookie that names no language of ours is ignored", () => {
    expect(resolveLocale("klingon", "zh-CN")).toBe("zh-CN");
  });
});
