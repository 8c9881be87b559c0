import { describe, expect, it } from "vitest";
import { clientMessages } from "./client-messages";
import { ROOT_MESSAGES } from "./root-catalog";

describe("ROOT_MESSAGES", () => {
  it("is exactly the root layout's client messages, in both languages", () => {
    for (const locale of ["en", "zh-CN"] as const) expect(ROOT_MESSAGES[locale]).toEqual(clientMessages(locale, "root"));
  });
});
