import { describe, expect, it } from "vitest";
import { chinaDayStart } from "./dates";

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
