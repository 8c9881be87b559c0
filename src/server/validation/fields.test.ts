import { describe, expect, it } from "vitest";
import { ZUpdateLifecycleSettingsInput } from "@/server/domain/lifecycle";
import { ZWebhookEndpointUpdate } from "@/server/domain/payment";
import { UNSTORABLE_TEXT_MESSAGE, zDate, zDay, zMinorUnits, zText } from "./fields";

const issues = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((i) => i.message) ?? [];

describe("the shared input fields", () => {
  it("zText trims, bounds and refuses what PostgreSQL cannot store exactly", () => {
    expect(zText(5).parse("  abc  ")).toBe("abc");
    expect(zText(5, { trim: false }).parse(" ab ")).toBe(" ab ");
    expect(zText(5).parse("🙂🙂")).toBe("🙂🙂"); // a surrogate pair is fine
    for (const bad of ["a\u0000b", "\uD800", "x\uDFFF", "\uDBFF\uDBFF"]) expect(issues(zText(40).safeParse(bad))).toEqual([UNSTORABLE_TEXT_MESSAGE]);
    // One message for an oversized value, without scanning the rest of it.
    expect(issues(zText(5).safeParse(`abcdef\u0000`))).toEqual(["Use at most 5 characters"]);
    expect(zText(5).safeParse("é".repeat(512 * 1024)).success).toBe(false);
  });

  it("numbers and dates stay within what their columns hold", () => {
    expect(zMinorUnits().safeParse(2_147_483_647).success).toBe(true);
    for (const bad of [2_147_483_648, Number.MAX_SAFE_INTEGER, 1.5, Number.NaN]) expect(zMinorUnits().safeParse(bad).success).toBe(false);
    expect(zDate().parse("2026-12-03T00:00:00Z")).toEqual(new Date("2026-12-03T00:00:00Z"));
    for (const bad of ["-271821-04-20T00:00:00.000Z", "+275760-09-13T00:00:00.000Z", "not a date", -8.64e15]) expect(zDate().safeParse(bad).success).toBe(false);
    expect(zDay().safeParse("2024-02-29").success).toBe(true);
    for (const bad of ["2026-02-30", "2026-13-01", "9999-99-99", "0000-01-01", "2026-1-1"]) expect(zDay().safeParse(bad).success).toBe(false);
  });

  it("patches must change something, and leave what they omit alone", () => {
    const id = crypto.randomUUID();
    expect(ZWebhookEndpointUpdate.safeParse({ id, input: {} }).success).toBe(false);
    expect(ZWebhookEndpointUpdate.safeParse({ id, input: { description: undefined } }).success).toBe(false);
    expect(ZWebhookEndpointUpdate.parse({ id, input: { enabled: false } })).toEqual({ id, input: { enabled: false } });
    expect(ZUpdateLifecycleSettingsInput.safeParse({}).success).toBe(false);
    // Not filled with the defaults of the other settings, which would reset them.
    expect(ZUpdateLifecycleSettingsInput.parse({ timeScale: 60 })).toEqual({ timeScale: 60 });
  });
});
