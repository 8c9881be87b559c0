import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { chinaProjection } from "@/lib/china-map/projection";
import { renderChinaMap } from "./render";

describe("the tracking map of China", () => {
  const rendered = renderChinaMap();

  it("the committed drawing and frame are what the generator draws (regenerate with scripts/generate-china-map.ts)", () => {
    expect(readFileSync(new URL("../../public/maps/china-provinces.svg", import.meta.url), "utf8")).toBe(rendered.svg);
    expect(JSON.parse(readFileSync(new URL("../../src/lib/china-map/frame.json", import.meta.url), "utf8"))).toEqual(rendered.frame);
  });

  it("draws every province, Taiwan, Hong Kong and Macau, and stays small enough to load with the page", () => {
    const titles = [...rendered.svg.matchAll(/<title>([^<]+)<\/title>/g)].map((m) => m[1]);
    expect(titles).toEqual(expect.arrayContaining(["北京", "上海", "新疆", "西藏", "台湾", "香港", "澳门", "海南"]));
    expect(titles.length).toBeGreaterThanOrEqual(34);
    expect(rendered.svg.length).toBeLessThan(200 * 1024);
  });

  it("the page's projection puts cities where they are on the drawing: east is right, north is up, all inside", () => {
    const project = chinaProjection();
    const at = (lng: number, lat: number): [number, number] => project([lng, lat])!;
    const [shanghai, urumqi, harbin, haikou] = [at(121.47, 31.23), at(87.62, 43.83), at(126.63, 45.75), at(110.35, 20.02)];
    expect(shanghai[0]).toBeGreaterThan(urumqi[0]);
    expect(harbin[1]).toBeLessThan(haikou[1]);
    for (const [x, y] of [shanghai, urumqi, harbin, haikou]) {
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(rendered.frame.width);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(rendered.frame.height);
    }
  });
});
