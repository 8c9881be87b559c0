import { describe, expect, it } from "vitest";
import { clientMessages } from "./client-messages";
import { SHOP_MESSAGES } from "./shop-catalog";

describe("SHOP_MESSAGES", () => {
  it("is exactly the shop group's client messages, in both languages", () => {
    for (const locale of ["en", "zh-CN"] as const) expect(SHOP_MESSAGES[locale]).toEqual(clientMessages(locale, "shop"));
  });
});
