import { describe, expect, it } from "vitest";
import { ADMIN_MESSAGES } from "./admin-catalog";
import { clientMessages } from "./client-messages";

describe("ADMIN_MESSAGES", () => {
  it("is exactly the admin group's client messages, in both languages", () => {
    for (const locale of ["en", "zh-CN"] as const) expect(ADMIN_MESSAGES[locale]).toEqual(clientMessages(locale, "admin"));
  });
});
