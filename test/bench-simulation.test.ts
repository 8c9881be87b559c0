import { describe, expect, it } from "vitest";
import { paceWhileGenerating } from "../bench/simulation";

describe("the simulation bench's pace while generating", () => {
  // Lives ended per second in each 10-second window of a 10,000-order run whose last batch came at
  // 149.2 s: the windows from 30 s to 140 s count; the ramp before and the catch-up after do not.
  const timeline = [16.7, 48.7, 58.6, 19.6, 67.0, 50.3, 27.8, 51.3, 28.8, 60.4, 25.3, 51.5, 29.8, 68.4, 57.6, 46.1, 104.8, 96.5];

  it("averages the whole windows between 30 s and the last batch", () => {
    expect(paceWhileGenerating(timeline, 149.2)).toBeCloseTo(43.7, 1);
  });

  it("says nothing for a run too short to have such windows", () => {
    expect(paceWhileGenerating(timeline.slice(0, 5), 44.4)).toBeNull();
  });
});
