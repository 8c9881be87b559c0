import { describe, expect, it } from "vitest";
import { chinaDayStart, formatDateTime } from "./dates";

describe("chinaDayStart", () => {
  it("gives midnight in China time as an instant, and the next midnight for an exclusive end", () => {
    expect(chinaDayStart("2026-11-24")?.toISOString()).toBe("2026-11-23T16:00:00.000Z");
    expect(chinaDayStart("2026-11-24", { nextDay: true })?.toISOString()).toBe("2026-11-24T16:00:00.000Z");
    expect(chinaDayStart("2026-12-31", { nextDay: true })?.toISOString()).toBe("2026-12-31T16:00:00.000Z");
  });

  it("ignores what is not a real calendar day", () => {
    for (const bad of [undefined, "", "2026-02-30", "2026-13-01", "24/11/2026", "2026-11-24T00:00", "yesterday"]) {
      expect(chinaDayStart(bad)).toBeUndefined();
    }
  });
});

describe("formatDateTime", () => {
  it("writes ten past midnight China time as 00:10 of the new day, in both languages", () => {
    const tenPastMidnight = new Date("2026-12-04T16:10:00Z"); // 2026-12-05 00:10 in China
    expect(formatDateTime(tenPastMidnight, "en")).toBe("2026-12-05 00:10");
    expect(formatDateTime(tenPastMidnight, "zh-CN")).toBe("2026/12/05 00:10");
    expect(formatDateTime(tenPastMidnight.toISOString(), "en")).toBe("2026-12-05 00:10");
  });

  it("never writes an hour outside 00–23", () => {
    for (let minutes = 0; minutes < 24 * 60; minutes += 7) {
      const at = new Date(Date.UTC(2026, 11, 4, 16, 0) + minutes * 60_000);
      for (const locale of ["en", "zh-CN"]) {
        const hour = Number(/ (\d{2}):\d{2}$/.exec(formatDateTime(at, locale))?.[1]);
        expect(hour, formatDateTime(at, locale)).toBe(Math.floor(minutes / 60));
      }
    }
  });
});
