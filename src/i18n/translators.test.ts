import { describe, expect, it } from "vitest";
import { MESSAGES } from "./messages";
import { translatorFor } from "./translators";

describe("translatorFor", () => {
  it("gives the same translator for the same language and namespace, so parsed messages are kept", () => {
    expect(translatorFor("en", "common")).toBe(translatorFor("en", "common"));
    expect(translatorFor("en", "common")).not.toBe(translatorFor("zh-CN", "common"));
    expect(translatorFor("en", "common")).not.toBe(translatorFor("en", "shop"));
  });

  it("translates in the language asked for, also when asked again", () => {
    for (let i = 0; i < 2; i++) {
      expect(translatorFor("en", "common")("nav.cart")).toBe(MESSAGES.en.common.nav.cart);
      expect(translatorFor("zh-CN", "common")("nav.cart")).toBe(MESSAGES["zh-CN"].common.nav.cart);
    }
  });
});
