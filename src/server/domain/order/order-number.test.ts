import { describe, expect, it } from "vitest";
import { formatOrderNo } from "./order-number";

describe("order numbers", () => {
  it("reads as SF + China-time timestamp + six sequence digits", () => {
    // 2026-11-24T07:30:12Z is 15:30:12 in China (UTC+8).
    expect(formatOrderNo(new Date("2026-11-24T07:30:12Z"), 42)).toBe("SF20261124153012000042");
  });

  it("sorts by time as plain strings", () => {
    const earlier = formatOrderNo(new Date("2026-11-24T07:30:12Z"), 999_999);
    const later = formatOrderNo(new Date("2026-11-24T07:30:13Z"), 1);
    expect([later, earlier].sort()).toEqual([earlier, later]);
  });
});
